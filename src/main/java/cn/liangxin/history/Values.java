package cn.liangxin.history;

import cn.liangxin.rules.Explanations;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A stored column as the API names it, its value as the API shows it, and as a person reads it. */
final class Values {

    /** Fields whose values are enum names, by the enum's simple name: the message keys are "Kind.ENTERPRISE". */
    private static final Map<String, String> ENUMS = Map.of(
            "kind", "Kind", "sector", "Sector", "status", "Status", "ownerAttitude", "OwnerAttitude",
            "level", "PartyLevel", "formation", "Formation");

    private Values() {
    }

    /** formal_members → formalMembers. */
    static String field(String column) {
        StringBuilder s = new StringBuilder(column.length());
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                s.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return s.toString();
    }

    /** The JSON value as a plain Java value; the mass organizations as the list the API shows. */
    static Object value(String column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (column.equals("mass_organizations")) {
            String stored = node.asText();
            return stored.isBlank() ? List.of() : Arrays.asList(stored.split(","));
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        return node.asText();
    }

    /** How a value reads on a page: enum names, industries and booleans in Chinese, empty as a dash. */
    static String text(String field, Object value) {
        if (value == null || (value instanceof List<?> l && l.isEmpty()) || "".equals(value)) {
            return "—";
        }
        if (value instanceof Boolean b) {
            return Msg.yesNo(field, b);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> label("MassOrganization", v.toString())).collect(Collectors.joining("、"));
        }
        String type = ENUMS.get(field);
        if (type != null) {
            return label(type, value.toString());
        }
        if (field.equals("industry") && Explanations.has("industry." + value)) {
            return value + " " + Msg.t("industry." + value);
        }
        return value.toString();
    }

    private static String label(String type, String name) {
        String key = type + "." + name;
        return Explanations.has(key) ? Msg.t(key) : name;
    }
}
