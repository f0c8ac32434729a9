package cn.liangxin.rules;

/** Why an organization falls short of the formation rules or the year goals. */
public enum GapCode {
    /** m ≥ branch threshold and not covered (应建未建). */
    SHOULD_FORM,
    /** 1 ≤ m below the branch threshold and not covered (仅有个别党员). */
    FEW_MEMBERS,
    /** m = 0 and not covered (没有党员). */
    NO_MEMBERS,
    /** Covered, but below the level its members call for, or only jointly though it could stand alone. */
    UPGRADE,
    /** Headcount at the large threshold with no formal member (2009 goal). */
    LARGE_WITHOUT_MEMBER,
    /** Headcount at the very-large threshold and not covered (2009 goal). */
    LARGE_WITHOUT_ORGANIZATION,
    /**
     * Covered only on paper: its party organization's member base (the formal members of the
     * organizations it covers) is below what the organization's level needs (名义覆盖). Counted as
     * covered, listed in the ledger of its own.
     */
    NOMINAL_COVERAGE;

    /** The three codes a blank spot is filed under, in ledger order. */
    public boolean isBlankSpotCategory() {
        return this == SHOULD_FORM || this == FEW_MEMBERS || this == NO_MEMBERS;
    }

    /** The blank-spot categories, in ledger order. */
    public static java.util.List<GapCode> blankSpotCategories() {
        return java.util.Arrays.stream(values()).filter(GapCode::isBlankSpotCategory).toList();
    }

    /** Whether the ledger lists organizations under this code: the blank spots, then the nominally covered. */
    public boolean isLedgerCategory() {
        return isBlankSpotCategory() || this == NOMINAL_COVERAGE;
    }

    /** The ledger's categories, in ledger order. */
    public static java.util.List<GapCode> ledgerCategories() {
        return java.util.Arrays.stream(values()).filter(GapCode::isLedgerCategory).toList();
    }
}
