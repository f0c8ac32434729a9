package cn.liangxin.security;

import cn.liangxin.division.Township;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The townships and counties the caller reaches (a clerk: hers; the county: its own; a region: all under it). */
@Path("/api/divisions")
@Produces(MediaType.APPLICATION_JSON)
public class DivisionResource {

    private final Scope scope;

    public DivisionResource(Scope scope) {
        this.scope = scope;
    }

    /** The townships the caller reaches: code, name and county code. */
    @GET
    @Path("/townships")
    public List<Township> townships() {
        return scope.townships();
    }

    /** The counties the caller reaches, with their names and how many of their townships the caller sees. */
    @GET
    @Path("/counties")
    public List<CountySummary> counties() {
        List<Township> mine = scope.townships();
        return scope.counties().stream()
                .map(c -> new CountySummary(c.code(), c.name(), (int) mine.stream().filter(t -> t.countyCode().equals(c.code())).count()))
                .toList();
    }

    /** A county in scope and how many townships it has. */
    public record CountySummary(String code, String name, int townships) {
    }
}
