package cn.liangxin.rules;

/**
 * The gap rules as SQL predicates, so that reports and filters count in the database exactly what
 * {@link FormationRules} says of one organization. Aliases: {@code o} the organization, {@code p}
 * its covering active party organization (all nulls when uncovered). Thresholds are integers from
 * configuration, inlined.
 */
public final class GapSql {

    /** Every organization with its active covering party organization, if any. */
    public static final String FROM = """
            organization o
            left join party_organization_coverage c
                   on c.county_code = o.county_code and c.organization_id = o.id and c.active
            left join party_organization p
                   on p.county_code = c.county_code and p.id = c.party_organization_id""";

    /**
     * {@link #FROM} as the registry stood at the instant bound to {@code :asOf}: the same aliases
     * and columns, read from the history (organizations since deleted, party organizations since
     * dissolved and coverage since ended included), so every predicate here applies unchanged.
     */
    public static final String FROM_AS_OF = """
            organization_as_of(:asOf) o
            left join party_organization_coverage_as_of(:asOf) c
                   on c.county_code = o.county_code and c.organization_id = o.id and c.active
            left join party_organization_as_of(:asOf) p
                   on p.county_code = c.county_code and p.id = c.party_organization_id""";

    /** Organizations that count: all but the closed ones. */
    public static final String ACTIVE = "o.status <> 'CLOSED'";

    public static final String COVERED = "p.id is not null";
    public static final String UNCOVERED = "p.id is null";
    public static final String HAS_INSTRUCTOR = "coalesce(btrim(o.instructor), '') <> ''";

    private final Thresholds t;

    public GapSql(Thresholds thresholds) {
        this.t = thresholds;
    }

    /** The predicate selecting active organizations that have the gap. */
    public String predicate(GapCode code) {
        String m = "o.formal_members";
        String p = switch (code) {
            case SHOULD_FORM -> UNCOVERED + " and " + m + " >= " + t.branchMinMembers();
            case FEW_MEMBERS -> UNCOVERED + " and " + m + " >= 1 and " + m + " < " + t.branchMinMembers();
            case NO_MEMBERS -> UNCOVERED + " and " + m + " = 0";
            case UPGRADE -> COVERED + " and " + m + " >= " + t.branchMinMembers()
                    + " and (p.formation <> 'INDEPENDENT' or " + levelRank("p.level") + " < " + requiredRank(m) + ")";
            case LARGE_WITHOUT_MEMBER -> m + " = 0 and o.headcount >= " + t.largeHeadcount();
            case LARGE_WITHOUT_ORGANIZATION -> UNCOVERED + " and o.headcount >= " + t.veryLargeHeadcount();
        };
        return "(" + ACTIVE + " and " + p + ")";
    }

    /** The blank-spot category of an active uncovered organization, as a SQL expression. */
    public String blankSpotCategory() {
        return "case when o.formal_members >= " + t.branchMinMembers() + " then 'SHOULD_FORM'"
                + " when o.formal_members >= 1 then 'FEW_MEMBERS' else 'NO_MEMBERS' end";
    }

    private static String levelRank(String column) {
        return "(case " + column + " when 'COMMITTEE' then 3 when 'GENERAL_BRANCH' then 2 else 1 end)";
    }

    private String requiredRank(String members) {
        return "(case when " + members + " >= " + t.committeeMinMembers() + " then 3 when " + members
                + " >= " + t.generalBranchMinMembers() + " then 2 else 1 end)";
    }
}
