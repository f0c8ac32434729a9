package cn.liangxin.goal;

import cn.liangxin.history.History;
import cn.liangxin.rules.GoalMetric;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.ErrorBody;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.LocalDate;
import java.util.List;

/** Coverage goals: set by the county, measured per township and for the county. */
@Path("/api/goals")
@Produces(MediaType.APPLICATION_JSON)
public class GoalResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private final Goals goals;
    private final History history;

    public GoalResource(Goals goals, History history) {
        this.goals = goals;
        this.history = history;
    }

    @GET
    public List<Goal> list() {
        return goals.list();
    }

    @GET
    @Path("/{id}")
    public Goal get(@PathParam("id") long id) {
        return goals.get(id);
    }

    /** A goal {year, metric, target (0–1), scope (COUNTY or TOWNSHIP)}; one per year, metric and scope. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "409", description = "GOAL_EXISTS: the county has a goal of this year, metric and scope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull GoalInput input) {
        return Response.status(201).entity(goals.create(input)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Goal.class)))
    @APIResponse(responseCode = "409", description = "GOAL_EXISTS: the county has a goal of this year, metric and scope",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Goal update(@PathParam("id") long id, @Valid @NotNull GoalInput input) {
        return goals.update(id, input);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") long id) {
        goals.delete(id);
        return Response.noContent().build();
    }

    /** Adds the goals of seed 001 (2009, 2010, 2011) that the county has not set. */
    @POST
    @Path("/preset")
    @RolesAllowed({"COUNTY", "ADMIN"})
    public List<Goal> preset() {
        return goals.preset();
    }

    /**
     * Per goal of the year (default this year), per township and for the county: value, whether
     * met, numerator, denominator, how many more organizations must change, and the link to them.
     * A past year is measured as recorded at the end of its 31 December; {@code asOf=YYYY-MM-DD}
     * measures at the end of that day instead (the goals of its year, unless {@code year} is given).
     */
    @GET
    @Path("/progress")
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description =
            "by=county: {year, measuredOn, recorded, counties: [{countyCode, name, goals}]}; otherwise the year's progress")
    public Object progress(@QueryParam("year") String year, @QueryParam("township") String township,
                           @QueryParam("asOf") String asOf, @QueryParam("by") String by) {
        History.AsOf when = history.asOf(asOf);
        if (cn.liangxin.web.Params.byCounty(by)) {
            int y = year == null || year.isBlank() ? (when == null ? year(year) : when.date().getYear()) : year(year);
            return when == null ? goals.progressByCounty(y, Goals.measuredAt(y), null)
                    : goals.progressByCounty(y, when.instant(), when.date());
        }
        String code = scope.townshipParam(township);
        if (when == null) {
            return goals.progress(year(year), code);
        }
        int y = year == null || year.isBlank() ? when.date().getYear() : year(year);
        return goals.progress(y, code, when.instant(), when.date());
    }

    /** Exactly the organizations (or party organizations) that keep a metric below its goal. */
    @GET
    @Path("/shortfall")
    public List<Goals.Shortfall> shortfall(@QueryParam("year") String year, @QueryParam("metric") String metric,
                                           @QueryParam("township") String township) {
        GoalMetric m = Params.enumeration("metric", metric, GoalMetric.class);
        if (m == null) {
            throw ApiException.invalid("metric", Msg.t("goal.metricRequired"));
        }
        return goals.shortfall(year(year), m, scope.townshipParam(township));
    }

    /** A metric across the years as SVG: the county, and the township when given. */
    @GET
    @Path("/chart.svg")
    @Produces("image/svg+xml")
    public String chart(@QueryParam("metric") String metric, @QueryParam("township") String township) {
        GoalMetric m = Params.enumeration("metric", metric, GoalMetric.class);
        if (m == null) {
            throw ApiException.invalid("metric", Msg.t("goal.metricRequired"));
        }
        return goals.chart(m, scope.townshipParam(township), goals.chartYears(), Goals.cache());
    }

    /** A year that has begun (default this one): a comparison with a year still to come is a 400. */
    public static int yearSoFar(String year) {
        int now = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        return Params.integer("year", year, 2000, now, now);
    }

    public static int year(String year) {
        return Params.integer("year", year, 2000, 2100, LocalDate.now(cn.liangxin.time.Days.ZONE).getYear());
    }
}
