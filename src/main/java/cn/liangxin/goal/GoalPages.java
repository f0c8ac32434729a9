package cn.liangxin.goal;

import cn.liangxin.division.Township;
import cn.liangxin.rules.GoalMetric;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FormBinder;
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
import java.util.LinkedHashMap;
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
                                             List<Goal.Scope> scopes, boolean canEdit,
                                             Map<String, String> errors, Map<String, Object> values, Long editing);

        static native TemplateInstance shortfall(int year, GoalMetric metric, String townshipName, List<Goals.Shortfall> rows);
    }

    private final Goals goals;

    public GoalPages(Goals goals) {
        this.goals = goals;
    }

    @GET
    public TemplateInstance page(@QueryParam("year") String year, @QueryParam("township") String township) {
        return render(year, township, Map.of(), Map.of(), null);
    }

    /**
     * The page; {@code errors} are a refused form's problems by field, shown on the new-goal form with
     * {@code values} as typed, or on the target of goal {@code editing} when that one was refused.
     */
    private TemplateInstance render(String year, String township, Map<String, String> errors,
                                    Map<String, Object> values, Long editing) {
        String code = scope.townshipParam(township);
        Map<Integer, Goals.Counts> cache = Goals.cache();
        List<Integer> years = goals.chartYears();
        List<String> charts = new ArrayList<>();
        for (GoalMetric m : goals.chartedMetrics(code)) {
            charts.add(goals.chart(m, code, years, cache));
        }
        return Templates.goals(goals.list(), goals.progress(GoalResource.year(year), code), charts, scope.townships(), code,
                List.of(GoalMetric.values()), List.of(Goal.Scope.values()), scope.managesAnyCounty(),
                errors, values, editing);
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
        Map<String, String> errors = new LinkedHashMap<>();
        Integer year = field(errors, "year", () -> {
            int y = cn.liangxin.web.Params.integer("year", form.getFirst("year"), 2000, 2100, 0);
            return y == 0 ? required("year") : y;
        });
        GoalMetric metric = field(errors, "metric", () -> orRequired("metric",
                cn.liangxin.web.Params.enumeration("metric", form.getFirst("metric"), GoalMetric.class)));
        Goal.Scope goalScope = field(errors, "scope", () -> orRequired("scope",
                cn.liangxin.web.Params.enumeration("scope", form.getFirst("scope"), Goal.Scope.class)));
        BigDecimal target = field(errors, "target", () -> percent(form.getFirst("target")));
        if (errors.isEmpty()) {
            try {
                goals.create(new GoalInput(year, metric, target, goalScope));
                return Response.seeOther(URI.create("/goals?year=" + year)).build();
            } catch (ApiException e) {
                errors.putAll(FormBinder.errors(e));
            }
        }
        return refused(errors, FormBinder.values(form), null);
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
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal target = field(errors, "target", () -> percent(form.getFirst("target")));
        if (errors.isEmpty()) {
            try {
                goals.update(id, new GoalInput(g.year(), g.metric(), target, g.scope()));
                return Response.seeOther(URI.create("/goals?year=" + g.year())).build();
            } catch (ApiException e) {
                errors.putAll(FormBinder.errors(e));
            }
        }
        return refused(errors, FormBinder.values(form), id);
    }

    /** The page again, 400, with every problem on its field and the values as typed. */
    private Response refused(Map<String, String> errors, Map<String, Object> values, Long editing) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(render(null, null, errors, values, editing).render()).build();
    }

    /** One field read, its refusal noted under its name instead of thrown: every problem at once. */
    private static <T> T field(Map<String, String> errors, String name, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ApiException e) {
            errors.putAll(FormBinder.errors(e));
            return null;
        }
    }

    private static <T> T orRequired(String name, T value) {
        return value == null ? required(name) : value;
    }

    private static <T> T required(String name) {
        throw ApiException.invalid(name, cn.liangxin.web.Fields.label(name) + ":" + Msg.t("survey.row.required"));
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
