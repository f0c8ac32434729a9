package cn.liangxin.rules;

/**
 * The rates a coverage goal can set a target for, each defined once as a numerator and a
 * denominator over the same rows as the coverage report: active organizations with their covering
 * party organization ({@code o}, {@code p} as in {@link GapSql#FROM}), or active party
 * organizations ({@code q}) with their 五个一 standard ({@code s}) and 五个好 rating of the year
 * ({@code r}). {@link #DATA_QUALITY} is the exception: it is the data-quality score (0–100) itself,
 * measured by the quality report rather than counted here, and its target 0.8 means a score of 80.
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
    FIVE_ONE(Over.PARTY_ORGANIZATIONS),
    /** The data-quality score of the township or the county: the target is the score ÷ 100. */
    DATA_QUALITY(Over.SCORE);

    /** What a metric counts; {@code SCORE}: nothing, it is a score measured elsewhere. */
    public enum Over { ORGANIZATIONS, PARTY_ORGANIZATIONS, SCORE }

    private final Over over;

    GoalMetric(Over over) {
        this.over = over;
    }

    public Over over() {
        return over;
    }

    /** A score in points (target 0.8: 80 points), not a rate of rows. */
    public boolean scored() {
        return over == Over.SCORE;
    }

    /** Which rows the rate is taken over (besides being active). */
    public String denominator(Thresholds t) {
        return switch (this) {
            case LARGE_HAVE_MEMBERS -> "o.headcount >= " + t.largeHeadcount();
            case LARGE_HAVE_ORGANIZATION -> "o.headcount >= " + t.veryLargeHeadcount();
            case ELIGIBLE_HAVE_ORGANIZATION -> "o.formal_members >= " + t.branchMinMembers();
            case COVERAGE, FIVE_GOOD, FIVE_ONE -> "true";
            case DATA_QUALITY -> throw notCounted();
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
            case DATA_QUALITY -> throw notCounted();
        };
        return "(" + denominator(t) + ") and " + reached;
    }

    private IllegalStateException notCounted() {
        return new IllegalStateException(name() + " is a score, not a count of rows");
    }

    /**
     * How many points a data-quality score (0–100) is short of a target given as a rate (0.8 = 80
     * points): the target in points rounded up to a whole point, less the score; 0 when it is met
     * or there is no score (nothing to score).
     */
    public static long pointsShort(Integer score, java.math.BigDecimal target) {
        if (score == null) {
            return 0;
        }
        long needed = target.movePointRight(2).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
        return Math.max(0, needed - score);
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
