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
     * dissolved and coverage since ended included), so every predicate here applies unchanged. It reads
     * the counties bound to {@code :scope_counties} ({@code Scope.Part#bind}).
     */
    public static final String FROM_AS_OF = asOf("organization") + " o"
            + "\nleft join " + asOf("party_organization_coverage") + " c"
            + "\n       on c.county_code = o.county_code and c.organization_id = o.id and c.active"
            + "\nleft join " + asOf("party_organization") + " p"
            + "\n       on p.county_code = c.county_code and p.id = c.party_organization_id";

    /**
     * A registry table as it stood at the instant bound to {@code :asOf}, for the counties bound to
     * {@code :scope_counties} ({@code Scope.Part#bind}): its history function, rows shaped like the table.
     */
    public static String asOf(String table) {
        return table + "_as_of(:asOf, cast(array[:scope_counties] as varchar[]))";
    }

    /**
     * The member base of the covering party organization {@code p} as {@code b.members}: the formal
     * members of the active organizations it actively covers. Joined after {@link #FROM}; one probe
     * of the coverage's primary key per row. It names the counties bound to {@code :scope_counties}
     * itself: a correlated subquery is routed to the shards of its counties (Citus) only when it
     * names them, and asks every shard otherwise.
     */
    public static final String BASE = """

            left join lateral (select coalesce(sum(o2.formal_members), 0) as members
                      from party_organization_coverage c2
                      join organization o2 on o2.county_code = c2.county_code and o2.id = c2.organization_id
                     where c2.county_code = p.county_code and c2.county_code in (:scope_counties)
                       and c2.party_organization_id = p.id and c2.active and o2.status <> 'CLOSED') b on true""";

    /**
     * {@link #BASE} as it stood at {@code :asOf}, joined after {@link #FROM_AS_OF}; the query starts
     * with {@link #withBaseAsOf}, so the history is read once, not once per row.
     */
    public static final String BASE_AS_OF = """

            left join base_as_of b on b.county_code = p.county_code and b.id = p.id""";

    /**
     * The WITH clause {@link #BASE_AS_OF} reads: the member base at {@code :asOf} of every party
     * organization of the counties a predicate on alias {@code c2} selects.
     */
    public static String withBaseAsOf(String counties) {
        return "with base_as_of as materialized (select c2.county_code, c2.party_organization_id as id,"
                + " sum(o2.formal_members) as members"
                + " from " + asOf("party_organization_coverage") + " c2"
                + " join " + asOf("organization") + " o2 on o2.county_code = c2.county_code and o2.id = c2.organization_id"
                + " where c2.active and o2.status <> 'CLOSED' and " + counties
                + " group by c2.county_code, c2.party_organization_id) ";
    }

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
            case NOMINAL_COVERAGE -> nominal();
        };
        return "(" + ACTIVE + " and " + p + ")";
    }

    /**
     * Covered by a party organization whose member base ({@link #BASE} joined as {@code b}) is below
     * what its level needs ({@link FormationRules#isNominal}).
     */
    public String nominal() {
        return COVERED + " and coalesce(b.members, 0) < (case p.level when 'COMMITTEE' then " + t.committeeMinMembers()
                + " when 'GENERAL_BRANCH' then " + t.generalBranchMinMembers() + " else " + t.branchMinMembers() + " end)";
    }

    /**
     * The ledger category of an active organization that is uncovered or nominally covered, as a SQL
     * expression ({@link #BASE} joined as {@code b}).
     */
    public String ledgerCategory() {
        return "case when " + COVERED + " then 'NOMINAL_COVERAGE' when o.formal_members >= " + t.branchMinMembers()
                + " then 'SHOULD_FORM' when o.formal_members >= 1 then 'FEW_MEMBERS' else 'NO_MEMBERS' end";
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
