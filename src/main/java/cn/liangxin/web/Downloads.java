package cn.liangxin.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A file to download: the Chinese name for browsers that read RFC 5987, an ASCII one for the rest. */
public final class Downloads {

    private Downloads() {
    }

    public static Response attachment(StreamingOutput body, String asciiName, String name, String type) {
        return Response.ok(body, type).header("Content-Disposition", disposition(asciiName, name)).build();
    }

    /** A download's name: of which scope, what it is, of which day (罗平县罗雄街道-组建时间表-2026-12-07.xlsx). */
    public static String named(String scopeName, String what, java.time.LocalDate day, String extension) {
        return scopeName + "-" + what + "-" + day + extension;
    }

    /** The same for a browser that reads only ASCII names: what it is, the division's code, the day (timetable-530324001-2026-12-07.xlsx). */
    public static String ascii(String what, String code, java.time.LocalDate day, String extension) {
        return what + (code == null ? "" : "-" + code) + "-" + day + extension;
    }

    /**
     * {@code attachment; filename="…"; filename*=UTF-8''…} (RFC 6266): the quoted name in printable
     * ASCII without quote or backslash, the other percent-encoded but for RFC 5987's attr-chars.
     */
    static String disposition(String asciiName, String name) {
        StringBuilder plain = new StringBuilder(asciiName.length());
        asciiName.chars().forEach(c -> plain.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
    }
}
