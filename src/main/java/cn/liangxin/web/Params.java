package cn.liangxin.web;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Query parameters read by hand, so that a wrong value is a 400 naming the parameter. */
public final class Params {

    private Params() {
    }

    public static int integer(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int i = Integer.parseInt(value.strip());
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name, Msg.t("error.param.range", Fields.label(name), value, min, max));
    }

    /** A day as YYYY-MM-DD (absent: the fallback); anything else is a 400 naming the parameter. */
    public static java.time.LocalDate date(String name, String value, java.time.LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalid(name, Msg.t("error.param.date", Fields.label(name), value));
        }
    }

    /** As {@link #date(String, String, java.time.LocalDate)}, and a day outside {@code min}..{@code max} is a 400 too. */
    public static java.time.LocalDate date(String name, String value, java.time.LocalDate fallback, java.time.LocalDate min,
                                           java.time.LocalDate max) {
        java.time.LocalDate day = date(name, value, fallback);
        if (day != null && (day.isBefore(min) || day.isAfter(max))) {
            throw ApiException.invalid(name, Msg.t("error.param.dateRange", Fields.label(name), value.strip(), min, max));
        }
        return day;
    }

    /** true or false (absent: false); anything else is a 400 naming the parameter. */
    public static boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalid(name, Msg.t("error.param.bool", Fields.label(name), value));
        };
    }

    public static <E extends Enum<E>> E enumeration(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ApiException.invalid(name, Msg.t("error.json.enum", value, allowed));
        }
    }

    /** A free-text parameter, null when blank; text with control characters is a 400. */
    public static String optional(String value) {
        return optional("q", value);
    }

    public static String optional(String name, String value) {
        if (value != null && !CleanText.ok(value)) {
            throw ApiException.invalid(name, Fields.label(name) + ":" + Msg.t("error.text.unclean"));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** {@code by=county} asks for a region's roll-up by county; {@code by=township} (or none) for the township lines. */
    public static boolean byCounty(String by) {
        if (by == null || by.isBlank() || by.strip().equals("township")) {
            return false;
        }
        if (by.strip().equals("county")) {
            return true;
        }
        throw ApiException.invalid("by", Msg.t("error.json.enum", by, "county, township"));
    }
}
