package cn.liangxin.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one rule for rates: a share is kept to 4 decimals and shown as a percentage with 2, cut and
 * never rounded up (9.996 % is 9.99 %). A target has at most those digits, so a figure shown reaches
 * its target exactly when the counts behind it do: no 10.00 % beside 未达到.
 */
public final class Rates {

    /** Decimals of a rate (0.1234 = 12.34 %). */
    public static final int SCALE = 4;

    private Rates() {
    }

    /** {@code part ÷ whole} to 4 decimals, cut; null when there is no whole. */
    public static BigDecimal of(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), SCALE, RoundingMode.DOWN);
    }

    /** {@code part ÷ whole} as {@link #of}, 0 when there is no whole. */
    public static BigDecimal orZero(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(SCALE) : of(part, whole);
    }

    /** A rate kept by the rule (any other scale cut to 4 decimals). */
    public static BigDecimal kept(BigDecimal rate) {
        return rate == null ? null : rate.setScale(SCALE, RoundingMode.DOWN);
    }

    /** A rate as a person reads it: {@code 9.99%}; empty for none. */
    public static String percent(BigDecimal rate) {
        return rate == null ? "" : kept(rate).movePointRight(2).toPlainString() + "%";
    }
}
