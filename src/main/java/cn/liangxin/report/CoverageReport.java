package cn.liangxin.report;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Scope;
import cn.liangxin.organization.OwnerAttitude;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapCode;
import cn.liangxin.rules.GapSql;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The coverage table and the blank-spot ledger, counted in the database: one grouped query per
 * table, whatever the number of organizations.
 */
@ApplicationScoped
public class CoverageReport {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @jakarta.inject.Inject
    TownshipSummary summary;

    @jakarta.inject.Inject
    Quality quality;

    private final EntityManager em;
    private final Divisions divisions;
    private final FormationRules rules;
    private final GapSql gaps;

    /** Yuan per formal member and year for the funding estimate (党建工作经费), configurable. */
    private final int fundingPerMember;

    /** Yuan per formal member and year of the funding estimate. */
    public int fundingPerMember() {
        return fundingPerMember;
    }

    public CoverageReport(EntityManager em, Divisions divisions, FormationRules rules,
                          @org.eclipse.microprofile.config.inject.ConfigProperty(name = "liangxin.report.funding-per-member",
                                  defaultValue = "50") int fundingPerMember) {
        this.fundingPerMember = fundingPerMember;
        this.em = em;
        this.divisions = divisions;
        this.rules = rules;
        this.gaps = new GapSql(rules.thresholds());
    }

    /** The table: a row per township in scope (or just the one asked for) and their total. */
    /** The roll-up of a region: one row per county the caller sees, and their total. */
    public record CountyTable(CoverageRow total, List<CoverageRow> counties) {
    }

    /**
     * The coverage table by county (a prefecture's or province's view): the township rows of one
     * set-based pass, added up per county.
     */
    public CountyTable byCounty(Instant asOf) {
        return byCounty(coverage(null, null, asOf));
    }

    /** {@link #byCounty(Instant)} now, from figures already read ({@link #figures}) of every township in scope. */
    CountyTable byCounty(List<Township> townships, Map<String, Map<String, Long>> figures) {
        return byCounty(table(townships, figures, null));
    }

    private CountyTable byCounty(Table all) {
        Map<String, List<CoverageRow>> byCounty = new HashMap<>();
        for (CoverageRow r : all.townships()) {
            byCounty.computeIfAbsent(r.code().substring(0, 6), k -> new ArrayList<>()).add(r);
        }
        List<CoverageRow> counties = new ArrayList<>();
        for (cn.liangxin.division.County c : scope.counties()) {
            counties.add(total(byCounty.getOrDefault(c.code(), List.of()), c.code()));
        }
        return new CountyTable(all.total(), counties);
    }

    public record Table(CoverageRow total, List<CoverageRow> townships) {
    }

    public Table coverage(String township) {
        return coverage(township, null);
    }

    /** The table as it stood at an instant (null: now), from the history. */
    public Table coverage(String township, Instant asOf) {
        return coverage(null, township, asOf);
    }

    /**
     * The table of one county in scope (null: all of them), or of one township, as it stood at an
     * instant (null: now).
     */
    public Table coverage(String county, String township, Instant asOf) {
        Scope.Part part = scope.part(county, township);
        List<Township> wanted = scope.townships().stream().filter(t -> part.holds(t.countyCode(), t.code())).toList();
        // now: the kept figures (recounted where stale); as of a past instant: counted from the history
        Map<String, Map<String, Long>> figures = asOf == null ? figures(part, wanted) : count(part, asOf);
        return table(wanted, figures, county);
    }

    private Table table(List<Township> wanted, Map<String, Map<String, Long>> figures, String county) {
        List<CoverageRow> rows = new ArrayList<>();
        for (Township t : wanted) {
            rows.add(row(t, figures.getOrDefault(t.code(), Map.of()), fundingPerMember));
        }
        return new Table(total(rows, county), rows);
    }

    /**
     * The figures kept of these townships of a part (recounted where stale), by township: the coverage
     * table's and the data-quality score's ({@link TownshipSummary#FIGURES}).
     */
    Map<String, Map<String, Long>> figures(Scope.Part part, List<Township> townships) {
        return summary.read(part, townships.stream().map(Township::code).toList(), p -> {
            Map<String, Map<String, Long>> counted = count(p, null);
            quality.count(p).forEach((t, f) -> counted.computeIfAbsent(t, k -> new HashMap<>()).putAll(f));
            return counted;
        });
    }

    /**
     * The figures of each township of a part, counted from the registry (now, or at an instant): the
     * coverage table's columns, by the names {@link TownshipSummary#FIGURES} keeps them under.
     */
    Map<String, Map<String, Long>> count(Scope.Part part, Instant asOf) {
        Query q = em.createNativeQuery((asOf == null ? "" : GapSql.withBaseAsOf(part.countySql("c2")))
                + "select o.township_code as township,"
                + " count(*) as organizations,"
                + " count(*) filter (where o.sector = 'ECONOMIC') as economic,"
                + " count(*) filter (where o.sector = 'SOCIAL') as social,"
                + " coalesce(sum(o.headcount), 0) as headcount,"
                + " coalesce(sum(o.formal_members), 0) as formal,"
                + " coalesce(sum(o.probationary_members), 0) as probationary,"
                + " count(*) filter (where p.formation = 'INDEPENDENT') as independently,"
                + " count(*) filter (where p.formation <> 'INDEPENDENT') as jointly,"
                + " count(*) filter (where " + gaps.predicate(GapCode.SHOULD_FORM) + ") as should_form,"
                + " count(*) filter (where " + gaps.predicate(GapCode.FEW_MEMBERS) + ") as few_members,"
                + " count(*) filter (where " + gaps.predicate(GapCode.NO_MEMBERS) + ") as no_members,"
                + " count(*) filter (where " + gaps.predicate(GapCode.NO_MEMBERS) + " and " + GapSql.HAS_INSTRUCTOR
                + ") as no_members_instructor,"
                + " count(*) filter (where " + gaps.predicate(GapCode.NOMINAL_COVERAGE) + ") as nominal"
                + " from " + (asOf == null ? GapSql.FROM + GapSql.BASE : GapSql.FROM_AS_OF + GapSql.BASE_AS_OF)
                + " where " + part.sql("o") + " and " + GapSql.ACTIVE
                + " group by o.township_code", Tuple.class);
        bind(q, part, asOf);
        Map<String, Map<String, Long>> out = new HashMap<>();
        collect(q.getResultList(), out);

        Query pq = em.createNativeQuery("select p.township_code as township, count(*) as parties,"
                + " count(*) filter (where p.level = 'BRANCH') as branch,"
                + " count(*) filter (where p.level = 'GENERAL_BRANCH') as general_branch,"
                + " count(*) filter (where p.level = 'COMMITTEE') as committee,"
                + " count(*) filter (where " + cn.liangxin.rules.GoalMetric.FIVE_ONE.numerator(rules.thresholds()) + ") as five_one"
                + " from " + (asOf == null ? "party_organization" : GapSql.asOf("party_organization")) + " p"
                + " left join " + (asOf == null ? "party_standard" : GapSql.asOf("party_standard"))
                + " s on s.county_code = p.county_code and s.party_organization_id = p.id"
                + " where " + part.sql("p") + " and p.dissolved_on is null"
                + " group by p.township_code", Tuple.class);
        bind(pq, part, asOf);
        collect(pq.getResultList(), out);
        return out;
    }

    /** Adds each row's figures (every column but the township) to its township's. */
    private static void collect(List<?> rows, Map<String, Map<String, Long>> out) {
        for (Object r : rows) {
            Tuple t = (Tuple) r;
            Map<String, Long> figures = out.computeIfAbsent((String) t.get("township"), k -> new HashMap<>());
            for (jakarta.persistence.TupleElement<?> e : t.getElements()) {
                if (!e.getAlias().equals("township")) {
                    Object v = t.get(e.getAlias());
                    figures.put(e.getAlias(), v == null ? 0L : ((Number) v).longValue());
                }
            }
        }
    }

    /**
     * The ledger: blank spots (active and uncovered) by category then formal members (most first),
     * then the organizations covered only nominally.
     */
    public List<BlankSpot> blankSpots(String township) {
        return blankSpots(township, null);
    }

    /** The ledger as it stood at an instant (null: now), from the history. */
    public List<BlankSpot> blankSpots(String township, Instant asOf) {
        return blankSpots(null, township, asOf);
    }

    /** The ledger of one county in scope (null: all of them) or one township, at an instant (null: now). */
    public List<BlankSpot> blankSpots(String county, String township, Instant asOf) {
        return ledger(county, township, null, asOf, 0, null).items();
    }

    /** One page of the ledger and how many blank spots there are in all (of the category asked for). */
    public record Ledger(List<BlankSpot> items, long total) {
    }

    /**
     * A page of the ledger: {@code limit} lines (null: all of them) from {@code offset}, in ledger
     * order, of one category (null: every category), with the number of lines in all. One query:
     * the database sorts only as far as the page reaches.
     */
    public Ledger ledger(String county, String township, GapCode category, Instant asOf, int offset, Integer limit) {
        return ledger(county, township, category, null, asOf, offset, limit);
    }

    /** {@link #ledger(String, String, GapCode, Instant, int, Integer)} of the organizations whose name holds {@code name}. */
    public Ledger ledger(String county, String township, GapCode category, String name, Instant asOf, int offset,
                         Integer limit) {
        Scope.Part part = scope.part(county, township);
        String like = name == null || name.isBlank() ? null
                : "%" + name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        if (asOf == null && like == null && limit != null) {
            return page(part, category, offset, limit);
        }
        Query q = ledgerQuery(Section.ALL, part, category, like, asOf, offset, limit, true);
        List<Tuple> rows = q.getResultList();
        List<BlankSpot> list = new ArrayList<>(rows.size());
        for (Tuple t : rows) {
            list.add(blankSpot(t));
        }
        long total = rows.isEmpty() ? (offset == 0 ? 0 : ledger(county, township, category, name, asOf, 0, 1).total())
                : ((Number) rows.get(0).get("total")).longValue();
        return new Ledger(list, total);
    }

    /** The two parts of the ledger, in its order: the blank spots, then the organizations covered only nominally. */
    private enum Section { ALL, UNCOVERED, NOMINAL }

    /**
     * A page of the ledger now: its numbers from the kept figures, its lines read from the blank
     * spots alone, or the nominally covered alone, or the end of one and the start of the other, so
     * that no page counts or sorts the whole ledger nor works out the member base of every
     * organization (the blank spots' order is by formal members, which is their categories' order).
     */
    private Ledger page(Scope.Part part, GapCode category, int offset, int limit) {
        List<Township> wanted = scope.townships().stream().filter(t -> part.holds(t.countyCode(), t.code())).toList();
        long uncovered = 0;
        long nominal = 0;
        for (Map<String, Long> f : figures(part, wanted).values()) {
            if (category == null) {
                uncovered += n(f, "blank");
                nominal += n(f, "nominal");
            } else {
                switch (category) {
                    case SHOULD_FORM -> uncovered += n(f, "should_form");
                    case FEW_MEMBERS -> uncovered += n(f, "few_members");
                    case NO_MEMBERS -> uncovered += n(f, "no_members");
                    case NOMINAL_COVERAGE -> nominal += n(f, "nominal");
                    default -> throw new IllegalArgumentException("not a ledger category: " + category);
                }
            }
        }
        List<BlankSpot> list = new ArrayList<>(limit);
        if (offset < uncovered) {
            for (Object t : ledgerQuery(Section.UNCOVERED, part, category, null, null, offset, limit, false).getResultList()) {
                list.add(blankSpot((Tuple) t));
            }
        }
        if (list.size() < limit && nominal > 0 && offset + limit > uncovered) {
            for (Object t : ledgerQuery(Section.NOMINAL, part, null, null, null, (int) Math.max(0, offset - uncovered),
                    limit - list.size(), false).getResultList()) {
                list.add(blankSpot((Tuple) t));
            }
        }
        return new Ledger(list, uncovered + nominal);
    }

    /**
     * The ledger's query: lines of one category (null: all) whose name is like {@code like} (null:
     * any), in ledger order, from {@code offset}, {@code limit} of them (null: all), with the number
     * of lines in all as {@code total} when asked.
     */
    private Query ledgerQuery(Section section, Scope.Part part, GapCode category, String like, Instant asOf, int offset,
                              Integer limit, boolean withTotal) {
        // the blank spots alone: no party organization, so no member base, and their categories follow their formal
        // members (an index holds them in that order)
        String categorySql = section == Section.UNCOVERED ? gaps.blankSpotCategory() : gaps.ledgerCategory();
        String from = switch (section) {
            case ALL -> asOf == null ? GapSql.FROM + GapSql.BASE : GapSql.FROM_AS_OF + GapSql.BASE_AS_OF;
            case UNCOVERED -> "organization o";
            // the covered organizations only: the member base of those alone
            case NOMINAL -> """
                    organization o
                    join party_organization_coverage c on c.county_code = o.county_code and c.organization_id = o.id and c.active
                    join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id"""
                    + GapSql.BASE;
        };
        String lines = switch (section) {
            case ALL -> "(" + GapSql.UNCOVERED + " or " + gaps.nominal() + ")";
            case UNCOVERED -> "not exists (select 1 from party_organization_coverage c where c.county_code = o.county_code"
                    + " and c.organization_id = o.id and c.active)";
            case NOMINAL -> gaps.nominal();
        };
        Query q = em.createNativeQuery((asOf == null ? "" : GapSql.withBaseAsOf(part.countySql("c2")))
                + "select o.id as id, o.name as name, o.township_code as township,"
                + " " + categorySql + " as category, o.formal_members as members,"
                + " o.headcount as headcount, o.secretary_candidate as secretary, o.owner_attitude as attitude,"
                + " o.planned_formation_on as planned, o.not_planned_reason as reason, o.responsible as responsible,"
                + (section == Section.UNCOVERED ? " o.instructor as instructor, cast(null as varchar) as party,"
                        + " cast(null as varchar) as level, cast(null as bigint) as base"
                        : " o.instructor as instructor, p.name as party, p.level as level, b.members as base")
                + (withTotal ? ", count(*) over () as total" : "")
                + " from " + from
                + " where " + part.sql("o") + " and " + GapSql.ACTIVE + " and " + lines
                + (category == null ? "" : " and " + categorySql + " = :category")
                + (like == null ? "" : " and o.name ilike :q escape '\\'")
                + " order by " + (section != Section.ALL ? "" : "case " + categorySql
                        + " when 'SHOULD_FORM' then 1 when 'FEW_MEMBERS' then 2 when 'NO_MEMBERS' then 3 else 4 end,")
                + " o.formal_members desc, o.headcount desc, o.township_code, o.name, o.id"
                + (limit == null ? "" : " limit :limit") + (offset > 0 ? " offset :offset" : ""), Tuple.class);
        bind(q, part, asOf);
        if (category != null) {
            q.setParameter("category", category.name());
        }
        if (like != null) {
            q.setParameter("q", like);
        }
        if (limit != null) {
            q.setParameter("limit", limit);
        }
        if (offset > 0) {
            q.setParameter("offset", offset);
        }
        return q;
    }

    /**
     * The whole ledger of a part (now, or at an instant), line by line as the database hands them
     * over through a cursor, so that no list of it is ever held: first the number of lines, then
     * each line in ledger order. Runs in a transaction of its own (a cursor needs one), given up to
     * ten minutes: a region's whole ledger to a slow printer takes longer than a request.
     */
    public void eachLedgerLine(Scope.Part part, Instant asOf, java.util.function.LongConsumer total,
                               java.util.function.Consumer<BlankSpot> line) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().timeout(600).run(() -> {
            Query q = ledgerQuery(Section.ALL, part, null, null, asOf, 0, null, true)
                    .setHint(org.hibernate.jpa.HibernateHints.HINT_FETCH_SIZE, 256)
                    .setHint(org.hibernate.jpa.HibernateHints.HINT_READ_ONLY, true);
            @SuppressWarnings("unchecked")
            java.util.stream.Stream<Tuple> rows = q.getResultStream();
            try (rows) {
                java.util.Iterator<Tuple> it = rows.iterator();
                if (!it.hasNext()) {
                    total.accept(0);
                    return;
                }
                Tuple first = it.next();
                total.accept(((Number) first.get("total")).longValue());
                line.accept(blankSpot(first));
                while (it.hasNext()) {
                    line.accept(blankSpot(it.next()));
                }
            }
        });
    }

    private BlankSpot blankSpot(Tuple t) {
        GapCode category = GapCode.valueOf((String) t.get("category"));
        int members = ((Number) t.get("members")).intValue();
        String code = (String) t.get("township");
        String attitude = (String) t.get("attitude");
        java.time.LocalDate planned = t.get("planned", java.time.LocalDate.class);
        String instructor = (String) t.get("instructor");
        return new BlankSpot(((Number) t.get("id")).longValue(), (String) t.get("name"), code,
                divisions.township(code).map(Township::name).orElse(code), category,
                rules.thresholds().requiredForm(members), members, ((Number) t.get("headcount")).intValue(),
                (Boolean) t.get("secretary"), attitude == null ? null : OwnerAttitude.valueOf(attitude),
                planned, (String) t.get("reason"),
                (String) t.get("responsible"), instructor,
                category == GapCode.NOMINAL_COVERAGE
                        ? rules.nominalExplanation((String) t.get("party"), PartyLevel.valueOf((String) t.get("level")),
                                t.get("base") == null ? 0 : ((Number) t.get("base")).intValue())
                        : rules.blankSpotExplanation(category, members, instructor),
                (String) t.get("party"));
    }

    private static void bind(Query q, Scope.Part part, Instant asOf) {
        part.bind(q);
        if (asOf != null) {
            q.setParameter("asOf", asOf.atOffset(java.time.ZoneOffset.UTC));
        }
    }

    private static CoverageRow row(Township t, Map<String, Long> f, int fundingPerMember) {
        Map<String, Long> o = f;
        Map<String, Long> p = f;
        long organizations = n(o, "organizations");
        long independently = n(o, "independently");
        long jointly = n(o, "jointly");
        long covered = independently + jointly;
        Map<String, Long> byLevel = new LinkedHashMap<>();
        byLevel.put(PartyLevel.BRANCH.name(), n(p, "branch"));
        byLevel.put(PartyLevel.GENERAL_BRANCH.name(), n(p, "general_branch"));
        byLevel.put(PartyLevel.COMMITTEE.name(), n(p, "committee"));
        return new CoverageRow(t.code(), t.name(), organizations, n(o, "economic"), n(o, "social"),
                n(o, "headcount"), n(o, "formal"), n(o, "probationary"), n(p, "parties"), byLevel, independently,
                jointly, covered, organizations - covered, n(o, "should_form"), n(o, "few_members"),
                n(o, "no_members"), n(o, "no_members_instructor"), n(o, "nominal"), CoverageRow.rate(covered, organizations),
                n(p, "five_one"), CoverageRow.rate(n(p, "five_one"), n(p, "parties")), n(o, "formal") * fundingPerMember);
    }

    private CoverageRow total(List<CoverageRow> rows, String county) {
        Map<String, Long> byLevel = new LinkedHashMap<>();
        for (PartyLevel l : PartyLevel.values()) {
            byLevel.put(l.name(), rows.stream().mapToLong(r -> r.partyOrganizationsByLevel().get(l.name())).sum());
        }
        long organizations = sum(rows, CoverageRow::organizations);
        long covered = sum(rows, CoverageRow::coveredOrganizations);
        List<cn.liangxin.division.County> counties = county != null ? divisions.county(county).stream().toList() : scope.counties();
        String code = String.join(",", counties.stream().map(cn.liangxin.division.County::code).toList());
        // the county's name only on a total of whole counties; a clerk's total is hers
        boolean whole = !counties.isEmpty() && counties.stream().allMatch(c -> scope.seesWhole(c.code()))
                && rows.size() == counties.stream().mapToInt(c -> c.townships().size()).sum();
        String name = !whole ? Msg.t("overview.total")
                : String.join("、", counties.stream().map(cn.liangxin.division.County::name).toList());
        return new CoverageRow(code, name, organizations, sum(rows, CoverageRow::economic),
                sum(rows, CoverageRow::social), sum(rows, CoverageRow::headcount), sum(rows, CoverageRow::formalMembers),
                sum(rows, CoverageRow::probationaryMembers), sum(rows, CoverageRow::partyOrganizations), byLevel,
                sum(rows, CoverageRow::coveredIndependently), sum(rows, CoverageRow::coveredJointly), covered,
                sum(rows, CoverageRow::blankSpots), sum(rows, CoverageRow::shouldForm), sum(rows, CoverageRow::fewMembers),
                sum(rows, CoverageRow::noMembers), sum(rows, CoverageRow::noMembersWithInstructor),
                sum(rows, CoverageRow::nominalCoverage),
                CoverageRow.rate(covered, organizations), sum(rows, CoverageRow::fiveOneComplete),
                CoverageRow.rate(sum(rows, CoverageRow::fiveOneComplete), sum(rows, CoverageRow::partyOrganizations)),
                sum(rows, CoverageRow::fundingYuan));
    }

    private static long sum(List<CoverageRow> rows, java.util.function.ToLongFunction<CoverageRow> f) {
        return rows.stream().mapToLong(f).sum();
    }

    private static long n(Map<String, Long> figures, String name) {
        return figures.getOrDefault(name, 0L);
    }
}
