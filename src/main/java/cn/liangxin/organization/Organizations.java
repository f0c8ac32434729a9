package cn.liangxin.organization;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Scope;
import cn.liangxin.history.History;
import cn.liangxin.rules.Classification;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapCode;
import cn.liangxin.rules.GapSql;
import cn.liangxin.rules.OrganizationFacts;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of 两新 organizations: writes with their checks, reads with the rules' verdict. */
@ApplicationScoped
public class Organizations {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @jakarta.inject.Inject
    jakarta.enterprise.event.Event<RegistryGrew> grew;

    private final EntityManager em;
    private final Divisions divisions;
    private final Caller caller;
    private final FormationRules rules;
    private final GapSql gapSql;
    private final History history;

    public Organizations(EntityManager em, Divisions divisions, Caller caller, FormationRules rules, History history) {
        this.em = em;
        this.history = history;
        this.divisions = divisions;
        this.caller = caller;
        this.rules = rules;
        this.gapSql = new GapSql(rules.thresholds());
    }

    /** A page of organizations and how many match in all. */
    public record Page(List<OrganizationView> items, long total) {
    }

    /** What to list: every filter is optional. */
    public record Filter(String township, Sector sector, GapCode gap, String q, int page, int size) {
    }

    @Transactional
    public OrganizationView create(OrganizationInput in) {
        return create(in, null);
    }

    /** {@link #create(OrganizationInput)}, recorded as coming from {@code via} (null: the API or a page). */
    @Transactional
    public OrganizationView create(OrganizationInput in, String via) {
        scope.requireRegistryChanges();
        history.stamp();
        Organization o = new Organization();
        apply(o, in);
        if (via != null) {
            o.updatedVia = via;
        }
        o.persist();
        flush();
        if (via == null) {
            grew.fire(new RegistryGrew(o.countyCode));
        }
        return view(o, null);
    }

    /**
     * Marks an organization closed (注销) because a register of record says so, recorded as coming
     * from {@code via}; a clerk's own townships only.
     */
    @Transactional
    public OrganizationView close(long id, String via) {
        scope.requireRegistryChanges();
        // before any read: on a cluster (Citus) who is changing reaches only the connections opened after it
        history.stamp();
        Organization o = find(id);
        scope.changeRegistry(o.townshipCode);
        o.status = Status.CLOSED;
        o.updatedBy = caller.username();
        o.updatedVia = via;
        flush();
        return view(o, coverage(List.of(o)).get(o.id));
    }

    @Transactional
    public OrganizationView update(long id, OrganizationInput in) {
        scope.requireRegistryChanges();
        // before any read: on a cluster (Citus) who is changing reaches only the connections opened after it
        history.stamp();
        Organization o = find(id);
        if (in.version() == null) {
            throw ApiException.invalid("version", Msg.t("error.versionRequired"));
        }
        if (in.version() != o.version) {
            throw ApiException.conflict("VERSION_CONFLICT", Msg.versionConflict(o.name, o.updatedBy, o.updatedAt));
        }
        String county = o.countyCode;
        apply(o, in);
        if (!county.equals(o.countyCode)) {
            throw ApiException.invalid("townshipCode", Msg.t("org.countyChange"));
        }
        flush();
        return view(o, coverage(List.of(o)).get(o.id));
    }

    @Transactional
    public void delete(long id) {
        scope.requireRegistryChanges();
        // before any read: on a cluster (Citus) who is changing reaches only the connections opened after it
        history.stamp();
        Organization o = find(id);
        CoveredBy by = coverage(List.of(o)).get(o.id);
        if (by != null) {
            throw ApiException.conflict("COVERED", Msg.t("org.coveredCannotDelete", o.name, by.name()));
        }
        // a dissolved party organization keeps the organizations it covered: deleting one would leave
        // it covering nothing, a record nobody could save again
        List<?> dissolved = em.createNativeQuery("select p.name from party_organization_coverage c"
                        + " join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id"
                        + " where c.county_code = :county and c.organization_id = :id order by p.name limit 1")
                .setParameter("county", o.countyCode).setParameter("id", o.id).getResultList();
        if (!dissolved.isEmpty()) {
            throw ApiException.conflict("COVERED_BEFORE", Msg.t("org.coveredBeforeCannotDelete", o.name, dissolved.get(0)));
        }
        o.delete();
    }

    public OrganizationView get(long id) {
        Organization o = find(id);
        return view(o, coverage(List.of(o)).get(o.id));
    }

    /** The organization with this id within the deployment's scope, or 404. */
    public Organization find(long id) {
        // by id within the counties the caller reaches: on a cluster, routed to the shards holding them
        Scope.Part part = scope.part();
        Organization o = part.isEmpty() ? null
                : Organization.<Organization>find("id = ?1 and countyCode in ?2", id, part.counties()).firstResult();
        if (o == null || !scope.sees(o.countyCode, o.townshipCode)) {
            throw ApiException.notFound(Msg.t("org.what", id));
        }
        return o;
    }

    /** Organizations matching the filter, ordered by township then name, with the rules applied. */
    public Page list(Filter f) {
        Scope.Part part = scope.part(null, f.township());
        if (part.isEmpty()) {
            return new Page(List.of(), 0);
        }
        StringBuilder where = new StringBuilder(part.sql("o"));
        Map<String, Object> params = new HashMap<>();
        if (f.sector() != null) {
            where.append(" and o.sector = :sector");
            params.put("sector", f.sector().name());
        }
        if (f.gap() != null) {
            where.append(" and ").append(gapSql.predicate(f.gap()));
        }
        if (f.q() != null && !f.q().isBlank()) {
            where.append(" and (o.name ilike :q escape '\\' or o.uscc like :uscc escape '\\')");
            String q = f.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("q", "%" + q + "%");
            params.put("uscc", Normalizer.normalize(q, Normalizer.Form.NFKC).toUpperCase() + "%");
        }
        // the party organizations are joined only where a gap filter needs them
        String from = f.gap() == null ? "organization o"
                : GapSql.FROM + (f.gap() == cn.liangxin.rules.GapCode.NOMINAL_COVERAGE ? GapSql.BASE : "");
        // the page and the number of matches in one pass over them
        Query ids = em.createNativeQuery("select o.id, count(*) over () from " + from + " where " + where
                + " order by o.township_code, o.name, o.id limit :limit offset :offset");
        params.forEach(ids::setParameter);
        part.bind(ids);
        ids.setParameter("limit", f.size());
        ids.setParameter("offset", (long) f.page() * f.size());
        List<?> rows = ids.getResultList();
        List<Long> idList = rows.stream().map(r -> ((Number) ((Object[]) r)[0]).longValue()).toList();
        long total;
        if (!rows.isEmpty()) {
            total = ((Number) ((Object[]) rows.get(0))[1]).longValue();
        } else {
            // past the last page (or nothing matches): count on its own
            Query count = em.createNativeQuery("select count(*) from " + from + " where " + where);
            params.forEach(count::setParameter);
            part.bind(count);
            total = ((Number) count.getSingleResult()).longValue();
        }
        return new Page(views(idList, part.counties()), total);
    }

    /** Views of these organizations of these counties, in the given order, with two queries in all. */
    private List<OrganizationView> views(List<Long> ids, List<String> counties) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Organization> byId = Organization.<Organization>list("countyCode in ?1 and id in ?2", counties, ids).stream()
                .collect(Collectors.toMap(o -> o.id, Function.identity()));
        List<Organization> ordered = ids.stream().map(byId::get).filter(o -> o != null).toList();
        Map<Long, CoveredBy> covered = coverage(ordered);
        return ordered.stream().map(o -> view(o, covered.get(o.id))).toList();
    }

    /** The active party organization covering each of these organizations, where there is one. */
    public Map<Long, CoveredBy> coverage(Collection<Organization> orgs) {
        if (orgs.isEmpty()) {
            return Map.of();
        }
        List<Tuple> rows = em.createNativeQuery("""
                select c.organization_id as org, p.id as id, p.name as name, p.formation as formation, p.level as level,
                       b.members as base
                from party_organization_coverage c
                join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id
                """ + GapSql.BASE + """

                where c.active and c.county_code in (:scope_counties) and c.organization_id in (:ids)""", Tuple.class)
                .setParameter("scope_counties", orgs.stream().map(o -> o.countyCode).distinct().toList())
                .setParameter("ids", orgs.stream().map(o -> o.id).toList())
                .getResultList();
        Map<Long, CoveredBy> result = new LinkedHashMap<>();
        for (Tuple t : rows) {
            result.put(((Number) t.get("org")).longValue(), new CoveredBy(((Number) t.get("id")).longValue(),
                    (String) t.get("name"), Formation.valueOf((String) t.get("formation")),
                    PartyLevel.valueOf((String) t.get("level")), ((Number) t.get("base")).intValue()));
        }
        return result;
    }

    public Classification classify(Organization o, CoveredBy by) {
        return rules.classify(new OrganizationFacts(o.formalMembers, o.headcount, o.active(),
                by == null ? null : by.coverage(), o.instructor));
    }

    public OrganizationView view(Organization o, CoveredBy by) {
        return new OrganizationView(o.id, o.countyCode, o.townshipCode,
                divisions.township(o.townshipCode).map(Township::name).orElse(o.townshipCode), o.name, o.uscc,
                o.kind, o.sector, o.community, o.address, o.building, o.industry, o.aboveScale, o.status,
                o.headcount, o.formalMembers, o.probationaryMembers, o.membersElsewhere, o.activists,
                o.ownerIsMember, o.ownerAttitude, o.secretaryCandidate, massOrganizations(o.massOrganizations),
                o.instructor, o.plannedFormationOn, o.notPlannedReason, o.responsible, o.notes, o.countermeasures, by,
                classify(o, by), warnings(o), o.version, o.createdAt, o.updatedAt);
    }

    /** What is worth a second look but not refused: members above headcount, USCC not fitting the kind. */
    public static List<FieldError> warnings(Organization o) {
        List<FieldError> w = new ArrayList<>();
        if (o.formalMembers > o.headcount) {
            w.add(new FieldError("formalMembers", Msg.t("org.formalAboveHeadcount", o.formalMembers, o.headcount)));
        }
        if (o.uscc != null && !o.kind.agreesWith(o.uscc)) {
            w.add(new FieldError("uscc", Msg.t("org.uscc.kindMismatch", o.uscc.substring(0, 2), Msg.label(o.kind))));
        }
        return w;
    }

    /**
     * What is wrong with an input beyond its bean constraints: a township outside the caller's
     * scope, a credit code that fails its check, a planned date out of range. Run on every save, and
     * beside the constraints when they refuse (see {@link cn.liangxin.web.InputCheck}).
     */
    public List<FieldError> problems(OrganizationInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.townshipCode() != null && !in.townshipCode().isBlank() && scope.find(in.townshipCode()).isEmpty()) {
            errors.add(new FieldError("townshipCode", divisions.find(in.townshipCode()).isPresent()
                    ? Msg.t("security.notYourTownship", in.townshipCode())
                    : Msg.t("org.township.outOfScope", in.townshipCode())));
        }
        String uscc = normalizeUscc(in.uscc());
        if (uscc != null) {
            Uscc.check(uscc).ifPresent(p -> errors.add(new FieldError("uscc", Msg.t("org.uscc." + p.name(), uscc))));
        }
        if (in.plannedFormationOn() != null && (in.plannedFormationOn().getYear() < 2000
                || in.plannedFormationOn().getYear() > 2100)) {
            errors.add(new FieldError("plannedFormationOn", Msg.t("org.plannedOutOfRange", in.plannedFormationOn())));
        }
        return errors;
    }

    /** {@link #problems} for the pages and the API, beside the bean constraints. */
    @jakarta.enterprise.context.ApplicationScoped
    @io.quarkus.arc.Unremovable
    static class Checks implements cn.liangxin.web.InputCheck<OrganizationInput> {
        @jakarta.inject.Inject
        Organizations organizations;

        @Override
        public Class<OrganizationInput> type() {
            return OrganizationInput.class;
        }

        @Override
        public List<FieldError> check(OrganizationInput input) {
            return organizations.problems(input);
        }
    }

    private void apply(Organization o, OrganizationInput in) {
        List<FieldError> errors = problems(in);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Township township = scope.find(in.townshipCode()).orElseThrow(() -> ApiException.invalid("townshipCode",
                Msg.t("org.township.outOfScope", in.townshipCode() == null ? "" : in.townshipCode())));
        String uscc = normalizeUscc(in.uscc());
        if (uscc != null) {
            List<Organization> same = Organization.list("countyCode = ?1 and uscc = ?2", township.countyCode(), uscc);
            for (Organization other : same) {
                if (!other.id.equals(o.id)) {
                    // name the other organization only to someone who may see it
                    throw ApiException.conflict("DUPLICATE_USCC", scope.sees(other.townshipCode)
                            ? Msg.t("org.uscc.duplicate", uscc, other.name,
                            divisions.township(other.townshipCode).map(Township::name).orElse(other.townshipCode),
                            other.id)
                            : Msg.t("org.uscc.duplicateElsewhere", uscc));
                }
            }
        }
        if (o.countyCode == null) {
            o.countyCode = township.countyCode();
            o.createdBy = caller.username();
        }
        o.updatedBy = caller.username();
        o.updatedVia = caller.via();
        o.townshipCode = township.code();
        o.name = in.name().strip();
        o.uscc = uscc;
        o.kind = in.kind();
        o.sector = in.kind().sector();
        o.community = text(in.community());
        o.address = text(in.address());
        o.building = text(in.building());
        o.industry = text(in.industry());
        o.aboveScale = Boolean.TRUE.equals(in.aboveScale());
        o.status = in.status() == null ? Status.OPERATING : in.status();
        o.headcount = in.headcount();
        o.formalMembers = in.formalMembers();
        o.probationaryMembers = zero(in.probationaryMembers());
        o.membersElsewhere = zero(in.membersElsewhere());
        o.activists = zero(in.activists());
        o.ownerIsMember = Boolean.TRUE.equals(in.ownerIsMember());
        o.ownerAttitude = in.ownerAttitude();
        o.secretaryCandidate = Boolean.TRUE.equals(in.secretaryCandidate());
        o.massOrganizations = massOrganizations(in.massOrganizations());
        o.instructor = text(in.instructor());
        o.plannedFormationOn = in.plannedFormationOn();
        o.notPlannedReason = text(in.notPlannedReason());
        o.responsible = text(in.responsible());
        o.notes = text(in.notes());
        o.countermeasures = text(in.countermeasures());
    }

    /** Writes now, so that a key the database refuses is answered here and not at commit. */
    private void flush() {
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw ApiException.conflict("VERSION_CONFLICT", Msg.t("org.versionConflictConcurrent"));
        } catch (PersistenceException e) {
            if (e instanceof org.hibernate.exception.ConstraintViolationException c
                    && c.getConstraintName() != null && c.getConstraintName().contains("uscc")) {
                throw ApiException.conflict("DUPLICATE_USCC", Msg.t("org.uscc.duplicateConcurrent"));
            }
            throw e;
        }
    }

    /** The API takes a code as written, only trimmed: lowercase or full-width letters are refused. */
    static String normalizeUscc(String raw) {
        return text(raw);
    }

    static String massOrganizations(Set<MassOrganization> set) {
        if (set == null || set.isEmpty()) {
            return "";
        }
        return EnumSet.copyOf(set).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<MassOrganization> massOrganizations(String stored) {
        if (stored == null || stored.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(stored.split(",")).map(MassOrganization::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(MassOrganization.class)));
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int zero(Integer i) {
        return i == null ? 0 : i;
    }
}
