package cn.liangxin.web;

import cn.liangxin.rules.Explanations;

/** The Chinese labels of API field names ({@code field.<name>} in the message bundle). */
public final class Fields {

    private Fields() {
    }

    public static String label(String field) {
        String base = field.replaceAll("\\[\\d+]", "");
        int dot = base.lastIndexOf('.');
        String key = "field." + (dot >= 0 ? base.substring(dot + 1) : base);
        return Explanations.has(key) ? Explanations.text(key) : field;
    }
}
