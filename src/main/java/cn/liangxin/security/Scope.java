package cn.liangxin.security;

import cn.liangxin.division.County;
import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the caller may reach, made once per request from the division nodes the account is bound
 * to: the only way a query is narrowed to townships or counties, and the only place that decides
 * whether a write is the caller's to make.
 * <ul>
 * <li>TOWNSHIP_STAFF: her townships; reads and changes their registry.</li>
 * <li>COUNTY: whole counties; reads and changes their registry and what belongs to a county
 * (goals, 年报 freezes, instructors, campaigns).</li>
 * <li>REGION: a prefecture or province; reads every county under it, changes nothing.</li>
 * <li>ADMIN: accounts within its nodes, and whatever COUNTY may do there; holding every county of
 * the deployment, also the backups ({@link #holdsDeployment()}).</li>
 * </ul>
 */
@RequestScoped
@Named("scope")
public class Scope {

    private final SecurityIdentity identity;
    private final Divisions divisions;
    private final jakarta.enterprise.inject.Instance<io.vertx.core.http.HttpServerRequest> request;
    private Reach reach;
    private List<Township> visible;

    public Scope(SecurityIdentity identity, Divisions divisions,
                 jakarta.enterprise.inject.Instance<io.vertx.core.http.HttpServerRequest> request) {
        this.identity = identity;
        this.divisions = divisions;
        this.request = request;
    }

    /** The counties the caller reaches whole, and the single townships beyond them. */
    private Reach reach() {
        if (reach == null) {
            reach = identity.isAnonymous() ? Reach.NONE : Reach.of(divisions, bound(), has(Role.TOWNSHIP_STAFF)
                    && !has(Role.COUNTY) && !has(Role.REGION) && !has(Role.ADMIN));
        }
        return reach;
    }

    /** Counties reached whole, in deployment order; townships reached one by one (outside those counties). */
    record Reach(Set<String> counties, Set<String> townships) {
        static final Reach NONE = new Reach(Set.of(), Set.of());

        /**
         * What a set of division codes reaches in this deployment: 9 digits a township, 6 a county,
         * 4 a prefecture, 2 a province (the last two: every county under them that the deployment
         * serves). A clerk reaches townships only, whatever else her account names.
         */
        static Reach of(Divisions divisions, Set<String> codes, boolean townshipsOnly) {
            Set<String> counties = new LinkedHashSet<>();
            for (String county : divisions.countyCodes()) {
                boolean whole = !townshipsOnly && codes.stream().anyMatch(c -> c.length() < 9 && county.startsWith(c));
                if (whole) {
                    counties.add(county);
                }
            }
            Set<String> townships = new LinkedHashSet<>();
            for (Township t : divisions.townships()) {
                if (codes.contains(t.code()) && !counties.contains(t.countyCode())) {
                    townships.add(t.code());
                }
            }
            return new Reach(java.util.Collections.unmodifiableSet(counties), java.util.Collections.unmodifiableSet(townships));
        }
    }

    public boolean has(Role role) {
        return !identity.isAnonymous() && identity.hasRole(role.name());
    }

    /** The townships the caller may see, in code order. */
    public List<Township> townships() {
        if (visible == null) {
            Reach r = reach();
            visible = divisions.townships().stream()
                    .filter(t -> r.counties().contains(t.countyCode()) || r.townships().contains(t.code())).toList();
        }
        return visible;
    }

    /** The counties the caller sees in part or whole, in deployment order. */
    public List<County> counties() {
        Set<String> codes = new LinkedHashSet<>();
        townships().forEach(t -> codes.add(t.countyCode()));
        return divisions.counties().stream().filter(c -> codes.contains(c.code())).toList();
    }

    /** The counties the caller sees whole. */
    public List<County> wholeCounties() {
        return divisions.counties().stream().filter(c -> reach().counties().contains(c.code())).toList();
    }

    /** Whether the caller sees this township. */
    public boolean sees(String townshipCode) {
        if (townshipCode == null) {
            return false;
        }
        Reach r = reach();
        return divisions.township(townshipCode)
                .map(t -> r.counties().contains(t.countyCode()) || r.townships().contains(t.code())).orElse(false);
    }

    /** Whether the caller sees every township of this county. */
    public boolean seesWhole(String countyCode) {
        return countyCode != null && reach().counties().contains(countyCode);
    }

    /**
     * Whether everything a division code names lies within the caller's reach: a township she
     * sees, a county seen whole, a prefecture or province whose every county here is seen whole.
     */
    public boolean holds(String code) {
        if (code == null) {
            return false;
        }
        return switch (code.length()) {
            case 9 -> sees(code);
            case 6 -> seesWhole(code);
            case 4, 2 -> divisions.countyCodes().stream().filter(c -> c.startsWith(code)).allMatch(this::seesWhole)
                    && divisions.countyCodes().stream().anyMatch(c -> c.startsWith(code));
            default -> false;
        };
    }

    /** Whether a record of this county and township is within the caller's reach. */
    public boolean sees(String countyCode, String townshipCode) {
        return townshipCode != null && countyCode != null && townshipCode.startsWith(countyCode) && sees(townshipCode);
    }

    /** A township the caller may see, written as its code or name. */
    public Optional<Township> find(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<Township> byCode = divisions.township(codeOrName.strip());
        if (byCode.isPresent()) {
            return byCode.filter(t -> sees(t.code()));
        }
        // a name the province repeats means the township among those the caller sees, if just one
        List<Township> seen = divisions.named(codeOrName).stream().filter(t -> sees(t.code())).toList();
        return seen.size() == 1 ? Optional.of(seen.get(0)) : Optional.empty();
    }

    /** A township the caller may see within one county, written as its code or name. */
    public Optional<Township> find(String codeOrName, String county) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        Optional<Township> byCode = divisions.township(codeOrName.strip());
        if (byCode.isPresent()) {
            return byCode.filter(t -> t.countyCode().equals(county) && sees(t.code()));
        }
        List<Township> seen = divisions.named(codeOrName).stream()
                .filter(t -> t.countyCode().equals(county) && sees(t.code())).toList();
        return seen.size() == 1 ? Optional.of(seen.get(0)) : Optional.empty();
    }

    /**
     * The code of the township a query parameter names, null when absent; a township the caller may
     * not see, or none at all, is a 400 naming the parameter.
     */
    public String townshipParam(String value) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null) {
            return null;
        }
        return find(v).map(Township::code)
                .orElseThrow(() -> ApiException.invalid("township", Msg.t("org.township.outOfScope", v)));
    }

    /** The township a query parameter names (null when absent), which must lie in the county asked for. */
    public String townshipParam(String value, String county) {
        String code = townshipParam(value);
        if (code != null && county != null && !code.startsWith(county)) {
            throw ApiException.invalid("township", Msg.t("report.township.otherCounty", value.strip(), county));
        }
        return code;
    }

    /**
     * The county code a query parameter names, null when absent; a county the caller sees nothing
     * of (or not written as 6 digits) is a 400 naming the parameter.
     */
    public String countyParam(String value) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null) {
            return null;
        }
        return counties().stream().map(County::code).filter(v::equals).findFirst()
                .orElseThrow(() -> ApiException.invalid("county", Msg.t("report.county.outOfScope", v)));
    }

    /**
     * The county a county-owned record (a goal, a freeze, an instructor, a campaign) is read for:
     * the one asked for, or the caller's only county. With several and none asked for, a 400 asks
     * for {@code countyCode}.
     */
    public String county(String requested) {
        String asked = countyParam(requested);
        if (asked != null) {
            return asked;
        }
        List<County> mine = counties();
        if (mine.size() == 1) {
            return mine.get(0).code();
        }
        if (mine.isEmpty()) {
            throw new ApiException(403, "NO_TOWNSHIP", Msg.t("security.noTownship"), List.of());
        }
        throw new ApiException(400, "COUNTY_REQUIRED", Msg.t("error.invalid"), List.of(new cn.liangxin.web.FieldError(
                "countyCode", Msg.t("scope.countyRequired", String.join("、", mine.stream().map(c -> c.code() + " " + c.name()).toList())))))
                .withChoices(mine.stream().map(c -> new cn.liangxin.web.Option(c.code(), c.name())).toList());
    }

    /** The county the request names in its {@code county} or {@code countyCode} query parameter, or null. */
    public String requestedCounty() {
        io.vertx.core.http.HttpServerRequest current = Caller.current(request);
        if (current == null) {
            return null;
        }
        var params = current.params();
        String v = params.get("countyCode");
        return v != null && !v.isBlank() ? v : params.get("county");
    }

    /** The county a county-owned record is read for in this request: {@link #county(String)} of {@link #requestedCounty()}. */
    public String requestCounty() {
        return county(requestedCounty());
    }

    /**
     * The caller's part of a county by name, for titles and file names: the county when she holds it
     * whole, else the county and her townships (two or three by name, more by number).
     */
    public String partName(String county) {
        String name = divisions.county(county).map(County::name).orElse(county);
        if (seesWhole(county)) {
            return name;
        }
        List<String> mine = townships().stream().filter(t -> t.countyCode().equals(county)).map(Township::name).toList();
        return mine.size() <= 3 ? name + String.join("、", mine) : Msg.t("scope.townships", name, mine.size());
    }

    /**
     * What a title or a file name says a download is of: the township asked for with its county
     * (罗平县罗雄街道), else the county (or counties) the caller holds, or her part of it by name.
     */
    public String name(String township) {
        if (township != null) {
            return divisions.township(township).map(t -> divisions.county(t.countyCode()).map(County::name).orElse("") + t.name())
                    .orElse(township);
        }
        return String.join("、", counties().stream().map(c -> partName(c.code())).toList());
    }

    /** The first township the caller may see, for forms that need one preselected. */
    public Township firstTownship() {
        return townships().stream().findFirst()
                .orElseThrow(() -> new ApiException(403, "NO_TOWNSHIP", Msg.t("security.noTownship"), List.of()));
    }

    // --- writes --------------------------------------------------------------------------------

    /** Whether the caller may change registry records (organizations, party organizations, surveys). */
    public boolean mayChangeRegistry() {
        return has(Role.TOWNSHIP_STAFF) || has(Role.COUNTY) || has(Role.ADMIN);
    }

    /** Refuses (403) any change to the registry by a caller who may change none (REGION). */
    public void requireRegistryChanges() {
        if (!mayChangeRegistry()) {
            throw forbidden();
        }
    }

    /** Refuses (403) a change to the registry of a township the caller may not change. */
    public void changeRegistry(String townshipCode) {
        if (!mayChangeRegistry()) {
            throw forbidden();
        }
        if (!sees(townshipCode)) {
            throw ApiException.notFound(Msg.t("scope.notYours"));
        }
    }

    /** Whether the caller manages what belongs to a county (goals, freezes, instructors, campaigns). */
    public boolean managesCounty(String countyCode) {
        return (has(Role.COUNTY) || has(Role.ADMIN)) && seesWhole(countyCode);
    }

    /** Whether the caller manages at least one county. */
    public boolean managesAnyCounty() {
        return (has(Role.COUNTY) || has(Role.ADMIN)) && !reach().counties().isEmpty();
    }

    /**
     * The county whose own records the caller changes: the one asked for, or the only one; 403
     * unless the caller is its 党工委 (COUNTY) or an administrator holding the whole county.
     */
    public String manageCounty(String requested) {
        if (!(has(Role.COUNTY) || has(Role.ADMIN))) {
            throw forbidden();
        }
        String county = requested == null || requested.isBlank() ? null : requested.strip();
        if (county == null) {
            List<County> whole = wholeCounties();
            if (whole.size() == 1) {
                return whole.get(0).code();
            }
            county = county(null);
        }
        if (!managesCounty(county)) {
            throw county.length() == 6 && divisions.county(county).isPresent() && seesWhole(county)
                    ? forbidden() : ApiException.invalid("countyCode", Msg.t("report.county.outOfScope", county));
        }
        return county;
    }

    /**
     * Whether the caller holds the whole deployment: an ADMIN whose divisions cover every county of
     * {@code liangxin.scope.counties}. What holds every county's records at once (the backups) is
     * its alone ({@link WholeDeployment}).
     */
    public boolean holdsDeployment() {
        return has(Role.ADMIN) && reach().counties().containsAll(divisions.countyCodes());
    }

    /** How many counties the deployment serves. */
    public int deploymentCounties() {
        return divisions.countyCodes().size();
    }

    public static ApiException forbidden() {
        return new ApiException(403, "FORBIDDEN", Msg.t("error.http.403"), List.of());
    }

    // --- queries -------------------------------------------------------------------------------

    /** The whole of the caller's reach, as a query restriction. */
    public Part part() {
        return part(null, null);
    }

    /**
     * The caller's reach narrowed to a county and/or a township (each null for no narrowing, both
     * already checked with the *Param methods): the restriction a query applies.
     */
    public Part part(String county, String township) {
        Reach r = reach();
        if (township != null) {
            return sees(township) ? new Part(List.of(township.substring(0, 6)), List.of(township)) : Part.NOTHING;
        }
        List<String> counties = new ArrayList<>();
        List<String> townships = new ArrayList<>();
        boolean partial = false;
        for (County c : counties()) {
            if (county != null && !county.equals(c.code())) {
                continue;
            }
            counties.add(c.code());
            if (!r.counties().contains(c.code())) {
                partial = true;
            }
        }
        if (partial) {
            for (Township t : townships()) {
                if (counties.contains(t.countyCode())) {
                    townships.add(t.code());
                }
            }
        }
        return counties.isEmpty() ? Part.NOTHING : new Part(List.copyOf(counties), partial ? List.copyOf(townships) : null);
    }

    /**
     * A restriction of rows by {@code county_code} (always: every table is keyed by it) and, where
     * the caller sees only some townships of a county, by {@code township_code}.
     *
     * @param townships null when the counties are seen whole
     */
    public record Part(List<String> counties, List<String> townships) {
        static final Part NOTHING = new Part(List.of(), List.of());

        public boolean isEmpty() {
            return counties.isEmpty();
        }

        /** The condition for a native query with named parameters, on the table aliased {@code alias}. */
        public String sql(String alias) {
            if (isEmpty()) {
                return "false";
            }
            return alias + ".county_code in (:scope_counties)"
                    + (townships == null ? "" : " and " + alias + ".township_code in (:scope_townships)");
        }

        /** The condition on the counties alone ({@link #bind} binds it too). */
        public String countySql(String alias) {
            return isEmpty() ? "false" : alias + ".county_code in (:scope_counties)";
        }

        /** Binds the parameters of {@link #sql}. */
        public <Q extends jakarta.persistence.Query> Q bind(Q q) {
            if (isEmpty()) {
                // the history read as of an instant names the counties it reads: none here
                if (q.getParameters().stream().anyMatch(p -> "scope_counties".equals(p.getName()))) {
                    q.setParameter("scope_counties", List.of(""));
                }
            } else {
                q.setParameter("scope_counties", counties);
                if (townships != null) {
                    q.setParameter("scope_townships", townships);
                }
            }
            return q;
        }

        /** The condition for a JDBC statement with positional parameters ({@link #bind(java.sql.PreparedStatement, int)}). */
        public String jdbc(String alias) {
            if (isEmpty()) {
                return "false";
            }
            return alias + ".county_code = any(?)" + (townships == null ? "" : " and " + alias + ".township_code = any(?)");
        }

        /** Binds the parameters of {@link #jdbc} from position {@code index}; answers the next free position. */
        public int bind(java.sql.PreparedStatement s, int index) throws java.sql.SQLException {
            if (isEmpty()) {
                return index;
            }
            s.setArray(index++, s.getConnection().createArrayOf("varchar", counties.toArray()));
            if (townships != null) {
                s.setArray(index++, s.getConnection().createArrayOf("varchar", townships.toArray()));
            }
            return index;
        }

        /** Whether a row of this county and township lies within the restriction. */
        public boolean holds(String county, String township) {
            return counties.contains(county) && (townships == null || townships.contains(township));
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> bound() {
        Object t = identity.getAttribute(Caller.DIVISIONS);
        return t instanceof Set<?> s ? (Set<String>) s : Set.of();
    }
}
