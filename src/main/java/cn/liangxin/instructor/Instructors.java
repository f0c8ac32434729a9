package cn.liangxin.instructor;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Scope;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.Organizations;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapCode;
import cn.liangxin.rules.GapSql;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * The register of party-building instructors (党建工作指导员), their assignment to organizations, and
 * the organizations that have neither members nor an instructor.
 */
@ApplicationScoped
public class Instructors {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** An instructor and how many active organizations name them. */
    public record Instructor(long id, String name, String phone, String unit, String townshipCode, String townshipName,
                             boolean active, long organizations) {
    }

    /** What a client sends to register an instructor. */
    public record Input(@NotBlank @Size(max = 50) String name, @Size(max = 30) String phone, @Size(max = 100) String unit,
                        String townshipCode, Boolean active) {
    }

    /** Organizations to give an instructor. */
    public record Assignment(@NotNull @Size(min = 1, max = 500) List<@NotNull Long> organizationIds) {
    }

    /** An organization without members and without an instructor. */
    public record Needed(long id, String name, String townshipCode, String townshipName, int headcount) {
    }

    private final EntityManager em;
    private final Caller caller;
    private final Divisions divisions;
    private final Organizations organizations;
    private final GapSql gaps;

    public Instructors(EntityManager em, Caller caller, Divisions divisions, Organizations organizations, FormationRules rules) {
        this.em = em;
        this.caller = caller;
        this.divisions = divisions;
        this.organizations = organizations;
        this.gaps = new GapSql(rules.thresholds());
    }

    /** The county whose instructors are read: the one the request names, or the caller's only one. */
    private String county() {
        return scope.requestCounty();
    }

    /**
     * The instructors of the county: all of them for the county, for a clerk those of her townships
     * and the county's own pool (no township); what they are counted on is within the caller's reach.
     */
    public List<Instructor> list() {
        List<Instructor> out = new ArrayList<>();
        String county = county();
        Scope.Part part = scope.part(county, null);
        for (Object o : part.bind(em.createNativeQuery("""
                        select i.id, i.name, i.phone, i.unit, i.township_code, i.active,
                               (select count(*) from organization o where %s and o.county_code = i.county_code
                                  and o.instructor = i.name and o.status <> 'CLOSED') as orgs
                        from instructor i where i.county_code = :county
                          and (i.township_code is null or i.township_code in (:visible))
                        order by i.name, i.id""".formatted(part.sql("o")), Tuple.class))
                .setParameter("county", county)
                .setParameter("visible", scope.townships().stream().map(Township::code).toList())
                .getResultList()) {
            Tuple t = (Tuple) o;
            String code = (String) t.get(4);
            out.add(new Instructor(((Number) t.get(0)).longValue(), (String) t.get(1), (String) t.get(2), (String) t.get(3), code,
                    code == null ? null : divisions.township(code).map(Township::name).orElse(code), (Boolean) t.get(5),
                    ((Number) t.get(6)).longValue()));
        }
        return out;
    }

    public Instructor get(long id) {
        return list().stream().filter(i -> i.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound(Msg.t("instructor.what", id)));
    }

    @Transactional
    public Instructor create(Input in) {
        String county = scope.manageCounty(scope.requestedCounty());
        String township = in.townshipCode() == null || in.townshipCode().isBlank() ? null : scope.townshipParam(in.townshipCode());
        long id = ((Number) em.createNativeQuery("select nextval('instructor_id_seq')").getSingleResult()).longValue();
        try {
            em.createNativeQuery("insert into instructor (county_code, id, name, phone, unit, township_code, active, created_by,"
                            + " updated_by) values (:county, :id, :name, :phone, :unit, :township, :active, :user, :user)")
                    .setParameter("county", county).setParameter("id", id).setParameter("name", in.name().strip())
                    .setParameter("phone", blank(in.phone())).setParameter("unit", blank(in.unit()))
                    .setParameter("township", township).setParameter("active", in.active() == null || in.active())
                    .setParameter("user", caller.username()).executeUpdate();
            em.flush();
        } catch (PersistenceException e) {
            throw ApiException.conflict("INSTRUCTOR_EXISTS", Msg.t("instructor.duplicate", in.name().strip()));
        }
        return get(id);
    }

    /**
     * Names the instructor on each organization (within the caller's townships; another township's
     * organization answers 404 and nothing is changed).
     */
    @Transactional
    public Instructor assign(long id, Assignment a) {
        if (!scope.mayChangeRegistry()) {
            throw Scope.forbidden();
        }
        Instructor i = get(id);
        if (!i.active()) {
            throw ApiException.invalid("id", Msg.t("instructor.inactive", i.name()));
        }
        for (Long orgId : a.organizationIds()) {
            Organization o = organizations.find(orgId);
            o.instructor = i.name();
            o.updatedBy = caller.username();
            o.updatedVia = caller.via();
        }
        em.flush();
        return get(id);
    }

    /** Active organizations without formal members, uncovered and with no instructor named, of the caller's townships. */
    public List<Needed> needed(String township) {
        return needed(township, 0, Integer.MAX_VALUE).items();
    }

    /** One page of the organizations waiting for an instructor, and how many wait in all. */
    public record NeededPage(List<Needed> items, long total) {
    }

    /** {@code limit} of the organizations waiting for an instructor from {@code offset}, in the order of {@link #needed}. */
    public NeededPage needed(String township, int offset, int limit) {
        Scope.Part part = scope.part(county(), township);
        String where = " where " + part.sql("o") + " and " + gaps.predicate(GapCode.NO_MEMBERS) + " and not " + GapSql.HAS_INSTRUCTOR;
        List<Needed> out = new ArrayList<>();
        for (Object o : part.bind(em.createNativeQuery("select o.id, o.name, o.township_code, o.headcount from " + GapSql.FROM
                        + where + " order by o.township_code, o.headcount desc, o.name, o.id offset :offset limit :limit", Tuple.class))
                .setParameter("offset", offset).setParameter("limit", limit)
                .getResultList()) {
            Tuple t = (Tuple) o;
            String code = (String) t.get(2);
            out.add(new Needed(((Number) t.get(0)).longValue(), (String) t.get(1), code,
                    divisions.township(code).map(Township::name).orElse(code), ((Number) t.get(3)).intValue()));
        }
        long total = offset == 0 && out.size() < limit ? out.size()
                : ((Number) part.bind(em.createNativeQuery("select count(*) from " + GapSql.FROM + where)).getSingleResult()).longValue();
        return new NeededPage(out, total);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
