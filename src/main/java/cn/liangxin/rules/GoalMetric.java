package cn.liangxin.rules;

/**
 * The rates a coverage goal can set a target for, each defined once as a numerator and a
 * denominator over the same rows as the coverage report: active organizations with their covering
 * party organization ({@code o}, {@code p} as in {@link GapSql#FROM}), or active party
 * organizations ({@code q}) with their 五个一 standard ({@code s}) and 五个好 rating of the year
 * ({@code r}).
 */
public enum GoalMetric {
    /** Organizations with at least the large headcount that have a formal member. */
    LARGE_HAVE_MEMBERS(Over.ORGANIZATIONS),
    /** Organizations with at least the very large headcount that are covered. */
    LARGE_HAVE_ORGANIZATION(Over.ORGANIZATIONS),
    /** Organizations with enough formal members for a branch that are covered. */
    ELIGIBLE_HAVE_ORGANIZATION(Over.ORGANIZATIONS),
    /** Covered organizations among all active ones. */
    COVERAGE(Over.ORGANIZATIONS),
    /** Party organizations rated 五个好 for the year. */
    FIVE_GOOD(Over.PARTY_ORGANIZATIONS),
    /** Party organizations meeting all of 五个一. */
    FIVE_ONE(Over.PARTY_ORGANIZATIONS);

    /** What a metric counts. */
    public enum Over { ORGANIZATIONS, PARTY_ORGANIZATIONS }

    private final Over over;

    GoalMetric(Over over) {
        this.over = over;
    }

    public Over over() {
        return over;
    }

    /** Which rows the rate is taken over (besides being active). */
    public String denominator(Thresholds t) {
        return switch (this) {
            case LARGE_HAVE_MEMBERS -> "o.headcount >= " + t.largeHeadcount();
            case LARGE_HAVE_ORGANIZATION -> "o.headcount >= " + t.veryLargeHeadcount();
            case ELIGIBLE_HAVE_ORGANIZATION -> "o.formal_members >= " + t.branchMinMembers();
            case COVERAGE, FIVE_GOOD, FIVE_ONE -> "true";
        };
    }

    /** Which of those count towards the goal. */
    public String numerator(Thresholds t) {
        String reached = switch (this) {
            case LARGE_HAVE_MEMBERS -> "o.formal_members >= 1";
            case LARGE_HAVE_ORGANIZATION, ELIGIBLE_HAVE_ORGANIZATION, COVERAGE -> GapSql.COVERED;
            case FIVE_GOOD -> "coalesce(r.good_leadership and r.good_members and r.good_mechanism and r.good_results"
                    + " and r.good_standing, false)";
            case FIVE_ONE -> "coalesce(s.activity_room and s.bulletin_board and s.sign_plate and s.party_flag"
                    + " and s.rules_set, false)";
        };
        return "(" + denominator(t) + ") and " + reached;
    }

    /**
     * How many more rows must reach the goal for {@code numerator ÷ denominator} to reach the
     * target; 0 when it is met (or there is nothing to count).
     */
    public static long shortBy(long numerator, long denominator, java.math.BigDecimal target) {
        long needed = target.multiply(java.math.BigDecimal.valueOf(denominator))
                .setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        return Math.max(0, needed - numerator);
    }
}
