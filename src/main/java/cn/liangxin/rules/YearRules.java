package cn.liangxin.rules;

import java.math.BigDecimal;

/** The numbers of the yearly work (seed 001): standards, probation, dissolutions. */
public final class YearRules {

    /** The area of an activity room 五个一 expects, about 30 m²; below it is a warning. */
    public static final BigDecimal EXPECTED_ROOM_AREA = BigDecimal.valueOf(30);

    /** A party organization dissolved within this many months of founding was 刚建又散. */
    public static final int DISSOLVED_SOON_MONTHS = 12;

    /**
     * How old an admission date may be for a member still probationary: a year's probation, extended
     * at most by a year, and a year's grace for the register to catch up.
     */
    public static final int ADMISSION_MAX_YEARS = 3;

    private YearRules() {
    }

    /** 五个一: an activity room, a member bulletin board, a sign plate, a party flag and a set of rules. */
    public static boolean fiveOne(boolean room, boolean board, boolean plate, boolean flag, boolean rules) {
        return room && board && plate && flag && rules;
    }
}
