package cn.liangxin.partyorg;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Scope;
import cn.liangxin.history.History;
import cn.liangxin.organization.Organization;
import cn.liangxin.rules.Formation;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Party organizations and the organizations each covers. */
@ApplicationScoped
public class PartyOrganizations {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** No party organization of the 两新 field is older than this. */
    static final int EARLIEST_YEAR = 1949;

    private final EntityManager em;
    private final Divisions divisions;
    private final Caller caller;
    // the clerks' day (the counties' zone), whatever the server's zone
    private final Clock clock = Clock.system(cn.liangxin.time.Days.ZONE);
    private final History history;
    private final cn.liangxin.rules.FormationRules rules;

    public PartyOrganizations(EntityManager em, Divisions divisions, Caller caller, History history,
                              cn.liangxin.rules.FormationRules rules) {
        this.em = em;
        this.rules = rules;
        this.history = history;
        this.divisions = divisions;
        this.caller = caller;
    }

    @Transactional
    public PartyOrganizationView create(PartyOrganizationInput in) {
        scope.requireRegistryChanges();
        history.stamp();
        PartyOrganization p = new PartyOrganization();
        List<Organization> covered = apply(p, in);
        p.persist();
        writeCoverage(p, covered);
        return view(p);
    }

    @Transactional
    public PartyOrganizationView update(long id, PartyOrganizationInput in) {
        scope.requireRegistryChanges();
        // before any read: on a cluster (Citus) who is changing reaches only the connections opened after it
        history.stamp();
        PartyOrganization p = find(id);
        if (in.version() == null) {
            throw ApiException.invalid("version", Msg.t("error.versionRequired"));
        }
        if (in.version() != p.version) {
            throw ApiException.conflict("VERSION_CONFLICT", Msg.versionConflict(p.name, p.updatedBy, p.updatedAt));
        }
        String county = p.countyCode;
        List<Organization> covered = apply(p, in);
        if (!county.equals(p.countyCode)) {
            throw ApiException.invalid("townshipCode", Msg.t("org.countyChange"));
        }
        writeCoverage(p, covered);
        return view(p);
    }

    public PartyOrganizationView get(long id) {
        return view(find(id));
    }

    public PartyOrganization find(long id) {
        // by id within the counties the caller reaches: on a cluster, routed to the shards holding them
        Scope.Part part = scope.part();
        PartyOrganization p = part.isEmpty() ? null
                : PartyOrganization.<PartyOrganization>find("id = ?1 and countyCode in ?2", id, part.counties()).firstResult();
        if (p == null || !scope.sees(p.countyCode, p.townshipCode)) {
            throw ApiException.notFound(Msg.t("party.what", id));
        }
        return p;
    }

    /** Party organizations of a township (or all in scope), active ones first, then by name. */
    public List<PartyOrganizationView> list(String township) {
        Scope.Part part = scope.part(null, township);
        @SuppressWarnings("unchecked")
        List<Long> ids = part.bind(em.createNativeQuery("select p.id from party_organization p where " + part.sql("p")
                + " order by case when p.dissolved_on is null then 0 else 1 end, p.township_code, p.name, p.id")).getResultList()
                .stream().map(n -> ((Number) n).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, PartyOrganization> byId = PartyOrganization.<PartyOrganization>list("countyCode in ?1 and id in ?2", part.counties(), ids).stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        return views(ids.stream().map(byId::get).toList());
    }

    private List<PartyOrganizationView> views(List<PartyOrganization> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        // a branch spanning townships shows each caller only the organizations she may see
        Scope.Part part = scope.part();
        List<Tuple> rows = part.bind(em.createNativeQuery("""
                select c.party_organization_id as party, o.id as id, o.name as name, o.township_code as township,
                       o.formal_members as members, o.headcount as headcount
                from party_organization_coverage c
                join organization o on o.county_code = c.county_code and o.id = c.organization_id
                where c.county_code in (:counties) and c.party_organization_id in (:ids) and %s
                order by o.name, o.id""".formatted(part.sql("o")), Tuple.class))
                .setParameter("counties", list.stream().map(p -> p.countyCode).distinct().toList())
                .setParameter("ids", list.stream().map(p -> p.id).toList())
                .getResultList();
        Map<Long, List<PartyOrganizationView.Covered>> covered = new HashMap<>();
        for (Tuple t : rows) {
            covered.computeIfAbsent(((Number) t.get("party")).longValue(), k -> new ArrayList<>())
                    .add(new PartyOrganizationView.Covered(((Number) t.get("id")).longValue(), (String) t.get("name"),
                            (String) t.get("township"), ((Number) t.get("members")).intValue(),
                            ((Number) t.get("headcount")).intValue()));
        }
        // the member base counts every organization covered, seen by the caller or not
        Map<Long, Integer> bases = new HashMap<>();
        for (Object r : em.createNativeQuery("""
                select c.party_organization_id, coalesce(sum(o.formal_members) filter (where o.status <> 'CLOSED'), 0)
                from party_organization_coverage c
                join organization o on o.county_code = c.county_code and o.id = c.organization_id
                where c.active and c.county_code in (:counties) and c.party_organization_id in (:ids)
                group by c.party_organization_id""")
                .setParameter("counties", list.stream().map(p -> p.countyCode).distinct().toList())
                .setParameter("ids", list.stream().map(p -> p.id).toList()).getResultList()) {
            Object[] a = (Object[]) r;
            bases.put(((Number) a[0]).longValue(), ((Number) a[1]).intValue());
        }
        return list.stream().map(p -> view(p, covered.getOrDefault(p.id, List.of()), bases.getOrDefault(p.id, 0))).toList();
    }

    private PartyOrganizationView view(PartyOrganization p) {
        return views(List.of(p)).get(0);
    }

    private PartyOrganizationView view(PartyOrganization p, List<PartyOrganizationView.Covered> covered, int base) {
        // accepted, counted, but said: a branch over fewer formal members than it needs covers on paper only
        boolean nominal = p.active() && rules.isNominal(p.level, base);
        List<FieldError> warnings = nominal
                ? List.of(new FieldError("coveredOrganizationIds", rules.nominalExplanation(p.name, p.level, base)))
                : List.of();
        return new PartyOrganizationView(p.id, p.countyCode, p.townshipCode,
                divisions.township(p.townshipCode).map(Township::name).orElse(p.townshipCode), p.name, p.level,
                p.formation, p.foundedOn, p.dissolvedOn, p.secretary, p.active(),
                covered.stream().map(PartyOrganizationView.Covered::id).toList(), covered, base, nominal, warnings,
                p.version);
    }

    /**
     * What is wrong with an input beyond its bean constraints: the township, the dates, the
     * organizations to cover. Run on every save, and beside the constraints when they refuse (see
     * {@link cn.liangxin.web.InputCheck}); fields the constraints leave empty are theirs to report.
     */
    public List<FieldError> problems(PartyOrganizationInput in) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        Township township = in.townshipCode() == null ? null : scope.find(in.townshipCode()).orElse(null);
        if (township == null && in.townshipCode() != null && !in.townshipCode().isBlank()) {
            errors.add(new FieldError("townshipCode", divisions.find(in.townshipCode()).isPresent()
                    ? Msg.t("security.notYourTownship", in.townshipCode())
                    : Msg.t("org.township.outOfScope", in.townshipCode())));
        }
        if (in.foundedOn() == null) {
            // the constraints say it is missing
        } else if (in.foundedOn().getYear() < EARLIEST_YEAR) {
            errors.add(new FieldError("foundedOn", Msg.t("party.foundedTooEarly", in.foundedOn(), EARLIEST_YEAR)));
        } else if (in.foundedOn().isAfter(today)) {
            errors.add(new FieldError("foundedOn", Msg.t("party.foundedInFuture", in.foundedOn())));
        }
        if (in.dissolvedOn() != null && in.dissolvedOn().getYear() < EARLIEST_YEAR) {
            errors.add(new FieldError("dissolvedOn", Msg.t("party.foundedTooEarly", in.dissolvedOn(), EARLIEST_YEAR)));
        } else if (in.dissolvedOn() != null && in.foundedOn() != null && in.dissolvedOn().isBefore(in.foundedOn())) {
            errors.add(new FieldError("dissolvedOn", Msg.t("party.dissolvedBeforeFounded", in.dissolvedOn(), in.foundedOn())));
        } else if (in.dissolvedOn() != null && in.dissolvedOn().isAfter(today)) {
            errors.add(new FieldError("dissolvedOn", Msg.t("party.dissolvedInFuture", in.dissolvedOn())));
        }
        List<Long> ids = in.coveredOrganizationIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(in.coveredOrganizationIds().stream().filter(java.util.Objects::nonNull).toList()));
        if (in.formation() == Formation.INDEPENDENT && ids.size() != 1 && in.coveredOrganizationIds() != null) {
            errors.add(new FieldError("coveredOrganizationIds", Msg.t("party.independentCoversOne", ids.size())));
        }
        Map<Long, Organization> found = ids.isEmpty() ? Map.of()
                : Organization.<Organization>list("countyCode in ?1 and id in ?2", scope.part().counties(), ids)
                .stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
        for (int i = 0; i < ids.size(); i++) {
            Organization o = found.get(ids.get(i));
            String field = "coveredOrganizationIds[" + i + "]";
            if (o == null || !scope.sees(o.countyCode, o.townshipCode)) {
                errors.add(new FieldError(field, Msg.t("party.coveredMissing", ids.get(i))));
            } else if (township != null && !o.countyCode.equals(township.countyCode())) {
                errors.add(new FieldError(field, Msg.t("party.coveredOtherCounty", o.name)));
            } else if (township != null && in.formation() != null && !o.townshipCode.equals(township.code())
                    && !in.formation().maySpanTownships()) {
                errors.add(new FieldError(field, Msg.t("party.coveredOtherTownship", o.name, Msg.label(in.formation()))));
            } else if (!o.active() && in.dissolvedOn() == null) {
                errors.add(new FieldError(field, Msg.t("party.coveredClosed", o.name)));
            }
        }
        return errors;
    }

    /** {@link #problems} for the pages and the API, beside the bean constraints. */
    @jakarta.enterprise.context.ApplicationScoped
    @io.quarkus.arc.Unremovable
    static class Checks implements cn.liangxin.web.InputCheck<PartyOrganizationInput> {
        @jakarta.inject.Inject
        PartyOrganizations parties;

        @Override
        public Class<PartyOrganizationInput> type() {
            return PartyOrganizationInput.class;
        }

        @Override
        public List<FieldError> check(PartyOrganizationInput input) {
            return parties.problems(input);
        }
    }

    /** Checks the input and copies it over; answers the organizations to cover. */
    private List<Organization> apply(PartyOrganization p, PartyOrganizationInput in) {
        List<FieldError> errors = problems(in);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Township township = scope.find(in.townshipCode()).orElseThrow(() -> ApiException.invalid("townshipCode",
                Msg.t("org.township.outOfScope", in.townshipCode() == null ? "" : in.townshipCode())));
        List<Long> ids = List.copyOf(new LinkedHashSet<>(in.coveredOrganizationIds()));
        Map<Long, Organization> found = ids.isEmpty() ? Map.of()
                : Organization.<Organization>list("countyCode = ?1 and id in ?2", township.countyCode(), ids)
                .stream().collect(Collectors.toMap(o -> o.id, Function.identity()));
        if (in.dissolvedOn() == null) {
            refuseDoubleCoverage(p, ids, found);
        }
        if (p.countyCode == null) {
            p.countyCode = township.countyCode();
            p.createdBy = caller.username();
        }
        p.updatedBy = caller.username();
        p.updatedVia = caller.via();
        p.townshipCode = township.code();
        p.name = in.name().strip();
        p.level = in.level();
        p.formation = in.formation();
        p.foundedOn = in.foundedOn();
        p.dissolvedOn = in.dissolvedOn();
        p.secretary = in.secretary() == null || in.secretary().isBlank() ? null : in.secretary().strip();
        return ids.stream().map(found::get).toList();
    }

    /** An organization is covered by at most one active party organization: name the one that has it. */
    private void refuseDoubleCoverage(PartyOrganization p, List<Long> ids, Map<Long, Organization> found) {
        if (found.isEmpty()) {
            return;
        }
        List<Tuple> taken = em.createNativeQuery("""
                select c.organization_id as org, q.name as name
                from party_organization_coverage c
                join party_organization q on q.county_code = c.county_code and q.id = c.party_organization_id
                where c.active and c.county_code in (:counties) and c.organization_id in (:ids) and c.party_organization_id <> :self""",
                        Tuple.class)
                .setParameter("counties", found.values().stream().map(o -> o.countyCode).distinct().toList())
                .setParameter("ids", ids)
                .setParameter("self", p.id == null ? -1L : p.id)
                .getResultList();
        if (!taken.isEmpty()) {
            Tuple t = taken.get(0);
            Organization o = found.get(((Number) t.get("org")).longValue());
            throw ApiException.conflict("ALREADY_COVERED", Msg.t("party.alreadyCovered", o.name, t.get("name")));
        }
    }

    private void writeCoverage(PartyOrganization p, List<Organization> covered) {
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw ApiException.conflict("VERSION_CONFLICT", Msg.t("org.versionConflictConcurrent"));
        }
        try {
            // only the links the caller may see are rewritten: another township's stay as they are
            Scope.Part part = scope.part();
            part.bind(em.createNativeQuery("delete from party_organization_coverage c where c.county_code = :county"
                    + " and c.party_organization_id = :id and exists (select 1 from organization o where o.county_code = c.county_code"
                    + " and o.id = c.organization_id and " + part.sql("o") + ")"))
                    .setParameter("county", p.countyCode).setParameter("id", p.id).executeUpdate();
            em.createNativeQuery("update party_organization_coverage set active = :active where county_code = :county"
                    + " and party_organization_id = :id and active <> :active")
                    .setParameter("county", p.countyCode).setParameter("id", p.id).setParameter("active", p.active())
                    .executeUpdate();
            for (Organization o : covered) {
                em.createNativeQuery("""
                        insert into party_organization_coverage (county_code, party_organization_id, organization_id, active)
                        values (:county, :party, :org, :active)""")
                        .setParameter("county", p.countyCode).setParameter("party", p.id)
                        .setParameter("org", o.id).setParameter("active", p.active())
                        .executeUpdate();
            }
        } catch (PersistenceException e) {
            if (e instanceof org.hibernate.exception.ConstraintViolationException) {
                throw ApiException.conflict("ALREADY_COVERED", Msg.t("party.alreadyCoveredConcurrent"));
            }
            throw e;
        }
    }
}
