package cn.liangxin.history;

import cn.liangxin.web.Msg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a change came from, as stored (API, FORM, IMPORT 12 ROW 5) and as a person reads it. */
final class Via {

    private static final Pattern IMPORT = Pattern.compile("IMPORT (\\d+)(?: ROW (\\d+))?");

    private Via() {
    }

    static String text(String via) {
        if (via == null || via.isBlank()) {
            return Msg.t("history.via.unknown");
        }
        Matcher m = IMPORT.matcher(via);
        if (m.matches()) {
            return m.group(2) == null ? Msg.t("history.via.import", m.group(1))
                    : Msg.t("history.via.importRow", m.group(1), m.group(2));
        }
        String key = "history.via." + via;
        return cn.liangxin.rules.Explanations.has(key) ? Msg.t(key) : via;
    }
}
