package cn.liangxin.web;

import cn.liangxin.rules.Explanations;

/** The Chinese labels of API field names ({@code field.<name>} in the message bundle). */
public final class Fields {

    private Fields() {
    }

    /**
     * The yes/no fields that say whether something is there (有无合适的书记人选, the 五个一's room, board,
     * plate, flag and rules): they read 有/无. Every other yes/no field is an attribute (是否规模以上,
     * 出资人是否党员, 领导班子好 …) and reads 是/否.
     */
    private static final java.util.Set<String> PRESENCE = java.util.Set.of(
            "secretaryCandidate", "activityRoom", "bulletinBoard", "signPlate", "partyFlag", "rulesSet");

    /** A yes/no value of a field as a person reads it: 有/无 for the presence of a thing, else 是/否. */
    public static String yesNo(String field, boolean value) {
        if (PRESENCE.contains(field)) {
            return Explanations.text(value ? "common.have" : "common.haveNot");
        }
        return Explanations.text(value ? "common.yes" : "common.no");
    }

    public static String label(String field) {
        String base = field.replaceAll("\\[\\d+]", "");
        int dot = base.lastIndexOf('.');
        String key = "field." + (dot >= 0 ? base.substring(dot + 1) : base);
        return Explanations.has(key) ? Explanations.text(key) : field;
    }
}
