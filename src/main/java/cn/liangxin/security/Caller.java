package cn.liangxin.security;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.RequestScoped;

import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling and which townships they may see and change: all townships in scope for COUNTY
 * and ADMIN, the bound ones for TOWNSHIP_STAFF.
 */
@RequestScoped
@jakarta.inject.Named("caller")
public class Caller {

    /** Identity attribute holding the bound township codes. */
    static final String TOWNSHIPS = "liangxin.townships";

    private final SecurityIdentity identity;
    private final Divisions divisions;
    private final Instance<HttpServerRequest> request;

    public Caller(SecurityIdentity identity, Divisions divisions, Instance<HttpServerRequest> request) {
        this.identity = identity;
        this.divisions = divisions;
        this.request = request;
    }

    /** Where the caller's changes come from: API for /api calls, FORM for the pages. */
    public String via() {
        String path = request.isResolvable() ? request.get().path() : null;
        return path != null && path.startsWith("/api/") ? "API" : "FORM";
    }

    public String username() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean has(Role role) {
        return identity.hasRole(role.name());
    }

    public boolean admin() {
        return has(Role.ADMIN);
    }

    /** Whether the caller sees the whole county (COUNTY or ADMIN). */
    public boolean countyWide() {
        return has(Role.COUNTY) || has(Role.ADMIN);
    }

    /** The townships in scope the caller may see, in code order. */
    public List<Township> townships() {
        if (countyWide()) {
            return divisions.townships();
        }
        Set<String> bound = bound();
        return divisions.townships().stream().filter(t -> bound.contains(t.code())).toList();
    }

    /** The codes of {@link #townships()}, or null when the caller sees every township in scope. */
    public List<String> restriction() {
        return countyWide() ? null : townships().stream().map(Township::code).toList();
    }

    public boolean sees(String townshipCode) {
        return countyWide() ? divisions.township(townshipCode).isPresent() : bound().contains(townshipCode);
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

    /**
     * The county code a query parameter names, null when absent; a county not in scope (or not
     * written as 6 digits) is a 400 naming the parameter.
     */
    public String countyParam(String value) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null) {
            return null;
        }
        return divisions.county(v).map(c -> c.code())
                .orElseThrow(() -> ApiException.invalid("county", Msg.t("report.county.outOfScope", v)));
    }

    /**
     * The township a query parameter names (null when absent), checked against the county asked for
     * as well: a township of another county is a 400 naming the parameter.
     */
    public String townshipParam(String value, String county) {
        String code = townshipParam(value);
        if (code != null && county != null && !code.startsWith(county)) {
            throw ApiException.invalid("township", Msg.t("report.township.otherCounty", value.strip(), county));
        }
        return code;
    }

    /** The first township the caller may see, for forms that need one preselected. */
    public Township firstTownship() {
        return townships().stream().findFirst()
                .orElseThrow(() -> new ApiException(403, "NO_TOWNSHIP", Msg.t("security.noTownship"), List.of()));
    }

    @SuppressWarnings("unchecked")
    private Set<String> bound() {
        if (identity.isAnonymous() || !has(Role.TOWNSHIP_STAFF)) {
            return Set.of();
        }
        Object t = identity.getAttribute(TOWNSHIPS);
        return t instanceof Set<?> s ? (Set<String>) s : Set.of();
    }
}
