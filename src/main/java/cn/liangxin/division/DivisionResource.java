package cn.liangxin.division;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The townships this deployment serves. */
@Path("/api/divisions")
@Produces(MediaType.APPLICATION_JSON)
public class DivisionResource {

    private final Divisions divisions;

    public DivisionResource(Divisions divisions) {
        this.divisions = divisions;
    }

    /** The townships in scope: code, name and county code. */
    @GET
    @Path("/townships")
    public List<Township> townships() {
        return divisions.townships();
    }

    /** The counties in scope with their names. */
    @GET
    @Path("/counties")
    public List<CountySummary> counties() {
        return divisions.counties().stream()
                .map(c -> new CountySummary(c.code(), c.name(), c.townships().size())).toList();
    }

    /** A county in scope and how many townships it has. */
    public record CountySummary(String code, String name, int townships) {
    }
}
