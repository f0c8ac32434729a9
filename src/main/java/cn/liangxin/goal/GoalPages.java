package cn.liangxin.goal;

import cn.liangxin.division.Township;
import cn.liangxin.rules.GoalMetric;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The goals page: the county sets its goals; everyone sees how far each township is, year by year. */
@Path("/goals")
@Produces(MediaType.TEXT_HTML)
public class GoalPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance goals(List<Goal> goals, Goals.YearProgress progress, List<String> charts,
                                             List<Township> townships, String township, List<GoalMetric> metrics,
                                             List<Goal.Scope> scopes, boolean canEdit, String error);

        static native TemplateInstance shortfall(int year, GoalMetric metric, String townshipName, List<Goals.Shortfall> rows);
    }

    private final Goals goals;

    public GoalPages(Goals goals) {
        this.goals = goals;
    }

    @GET
    public TemplateInstance page(@QueryParam("year") String year, @QueryParam("township") String township) {
        return render(year, township, null);
    }

    private TemplateInstance render(String year, String township, String error) {
        String code = scope.townshipParam(township);
        Map<Integer, Goals.Counts> cache = Goals.cache();
        List<Integer> years = goals.chartYears();
        List<String> charts = new ArrayList<>();
        for (GoalMetric m : goals.chartedMetrics(code)) {
            charts.add(goals.chart(m, code, years, cache));
        }
        return Templates.goals(goals.list(), goals.progress(GoalResource.year(year), code), charts, scope.townships(), code,
                List.of(GoalMetric.values()), List.of(Goal.Scope.values()), scope.managesAnyCounty(), error);
    }

    /** Exactly the organizations (or party organizations) between a township, or the county, and a goal. */
    @GET
    @Path("shortfall")
    public TemplateInstance shortfall(@QueryParam("year") String year, @QueryParam("metric") String metric,
                                      @QueryParam("township") String township) {
        GoalMetric m = cn.liangxin.web.Params.enumeration("metric", metric, GoalMetric.class);
        if (m == null) {
            throw ApiException.invalid("metric", Msg.t("goal.metricRequired"));
        }
        String code = scope.townshipParam(township);
        int y = GoalResource.year(year);
        String name = code == null ? null : scope.find(code).map(Township::name).orElse(code);
        return Templates.shortfall(y, m, name, goals.shortfall(y, m, code));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        county();
        try {
            goals.create(input(form));
        } catch (ApiException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(render(null, null, e.getMessage()).render()).build();
        }
        return Response.seeOther(URI.create("/goals?year=" + form.getFirst("year").strip())).build();
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        county();
        if (form.getFirst("delete") != null) {
            Goal doomed = goals.get(id);
            scope.manageCounty(scope.requestedCounty());
            cn.liangxin.web.Confirm.ask(form, Msg.t("confirm.deleteGoal", doomed.year(), Msg.label(doomed.metric())));
            goals.delete(id);
            return Response.seeOther(URI.create("/goals")).build();
        }
        Goal g = goals.get(id);
        try {
            goals.update(id, new GoalInput(g.year(), g.metric(), percent(form.getFirst("target")), g.scope()));
        } catch (ApiException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(render(null, null, e.getMessage()).render()).build();
        }
        return Response.seeOther(URI.create("/goals?year=" + g.year())).build();
    }

    @POST
    @Path("preset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response preset(MultivaluedMap<String, String> form) {
        county();
        goals.preset();
        return Response.seeOther(URI.create("/goals")).build();
    }

    private void county() {
        if (!scope.managesAnyCounty()) {
            throw new ApiException(403, "FORBIDDEN", Msg.t("goal.countyOnly"), List.of());
        }
    }

    private static GoalInput input(MultivaluedMap<String, String> form) {
        int year = cn.liangxin.web.Params.integer("year", form.getFirst("year"), 2000, 2100, 0);
        GoalMetric metric = cn.liangxin.web.Params.enumeration("metric", form.getFirst("metric"), GoalMetric.class);
        Goal.Scope scope = cn.liangxin.web.Params.enumeration("scope", form.getFirst("scope"), Goal.Scope.class);
        if (year == 0 || metric == null || scope == null) {
            throw ApiException.invalid("goal", Msg.t("goal.formIncomplete"));
        }
        return new GoalInput(year, metric, percent(form.getFirst("target")), scope);
    }

    /** A target typed as a percentage (80 or 80%) into a rate (0.8). */
    private static BigDecimal percent(String text) {
        String t = text == null ? "" : text.strip().replace("%", "").replace("％", "");
        try {
            BigDecimal p = new BigDecimal(t);
            if (p.signum() >= 0 && p.compareTo(BigDecimal.valueOf(100)) <= 0 && p.scale() <= 2) {
                return p.movePointLeft(2);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid("target", Msg.t("goal.targetPercent", text == null ? "" : text));
    }
}
