package cn.liangxin.history;

import cn.liangxin.organization.Kind;
import cn.liangxin.organization.MassOrganization;
import cn.liangxin.organization.OwnerAttitude;
import cn.liangxin.organization.Sector;
import cn.liangxin.organization.Status;
import cn.liangxin.rules.Explanations;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A stored column as the API names it, its value as the API shows it, and as a person reads it. */
final class Values {

    private static final Map<String, Class<? extends Enum<?>>> ENUMS = Map.of(
            "kind", Kind.class, "sector", Sector.class, "status", Status.class, "ownerAttitude", OwnerAttitude.class,
            "level", PartyLevel.class, "formation", Formation.class);

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
            return Msg.t(b ? "common.yes" : "common.no");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> label(MassOrganization.class, v.toString())).collect(Collectors.joining("、"));
        }
        Class<? extends Enum<?>> type = ENUMS.get(field);
        if (type != null) {
            return label(type, value.toString());
        }
        if (field.equals("industry") && Explanations.has("industry." + value)) {
            return value + " " + Msg.t("industry." + value);
        }
        return value.toString();
    }

    private static String label(Class<? extends Enum<?>> type, String name) {
        String key = type.getSimpleName() + "." + name;
        return Explanations.has(key) ? Msg.t(key) : name;
    }
}
