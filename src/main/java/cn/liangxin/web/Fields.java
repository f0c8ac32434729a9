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

    /**
     * The label of a field of an input of {@code owner}'s package: {@code field.<package>.<name>} when the
     * bundle has one (an instructor's name is 姓名, not the organization's 名称), else {@link #label(String)}.
     */
    public static String label(Class<?> owner, String field) {
        if (owner != null) {
            String pkg = owner.getPackageName();
            String key = "field." + pkg.substring(pkg.lastIndexOf('.') + 1) + "." + field;
            if (Explanations.has(key)) {
                return Explanations.text(key);
            }
        }
        return label(field);
    }

    public static String label(String field) {
        String base = field.replaceAll("\\[\\d+]", "");
        int dot = base.lastIndexOf('.');
        String key = "field." + (dot >= 0 ? base.substring(dot + 1) : base);
        return Explanations.has(key) ? Explanations.text(key) : field;
    }

    /**
     * What to say of a value that is not of its field's type, in the words the survey templates and the
     * phone form use for the same rule: a count is a whole number not below 0, a date is written
     * 2026-12-05; anything else is a value of the wrong form.
     */
    public static String wrongValue(Class<?> owner, String field) {
        String rule = typeRule(owner, field);
        return rule != null ? rule : Msg.t("error.form.value");
    }

    /** The rule a field's type states in words (a count, a date), or null when it states none of its own. */
    public static String typeRule(Class<?> owner, String field) {
        if (owner != null && owner.isRecord()) {
            for (java.lang.reflect.RecordComponent c : owner.getRecordComponents()) {
                if (!c.getName().equals(field)) {
                    continue;
                }
                Class<?> t = c.getType();
                jakarta.validation.constraints.Min min = c.getAccessor().getAnnotation(jakarta.validation.constraints.Min.class);
                if (min == null) {
                    min = c.getAnnotation(jakarta.validation.constraints.Min.class);
                }
                if ((t == Integer.class || t == int.class) && min != null && min.value() == 0) {
                    return Msg.t("survey.row.count");
                }
                if (t == java.time.LocalDate.class) {
                    return Msg.t("survey.row.date");
                }
            }
        }
        return null;
    }
}
