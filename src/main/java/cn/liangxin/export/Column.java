package cn.liangxin.export;

import cn.liangxin.web.Msg;
import io.quarkus.qute.TemplateData;

import java.util.function.Function;

/**
 * A column of an exported or printed report: its header (message key), width in characters and
 * how to read its value from a row. Reports define their columns once for XLSX, CSV and the page.
 */
@TemplateData
public final class Column<T> {

    /** How a value is shown: as text, a whole number, a rate or a day (a {@link java.time.LocalDate}). */
    public enum Type { TEXT, NUMBER, RATE, DATE }

    private final String key;
    private final String headerKey;
    private final int width;
    private final Type type;
    private final Function<T, Object> value;

    public Column(String key, String headerKey, int width, Type type, Function<T, Object> value) {
        this.key = key;
        this.headerKey = headerKey;
        this.width = width;
        this.type = type;
        this.value = value;
    }

    /** The row's JSON field this column shows. */
    public String key() {
        return key;
    }

    public String header() {
        return Msg.t(headerKey);
    }

    public int width() {
        return width;
    }

    public Type type() {
        return type;
    }

    /** A number or a rate: right-aligned on a page. */
    public boolean numeric() {
        return type == Type.NUMBER || type == Type.RATE;
    }

    public Object value(T row) {
        return value.apply(row);
    }

    /**
     * The value as a person reads it: rates as percentages, days as YYYY-MM-DD, enums by their
     * Chinese names, yes/no as the field reads, null as empty.
     */
    public String text(T row) {
        Object v = value(row);
        if (v == null) {
            return "";
        }
        if (type == Type.RATE) {
            return cn.liangxin.rules.Rates.percent(new java.math.BigDecimal(v.toString()));
        }
        if (v instanceof Enum<?> e) {
            return Msg.label(e);
        }
        if (v instanceof Boolean b) {
            return Msg.yesNo(key, b);
        }
        return v.toString();
    }
}
