package cn.liangxin.annual;

import cn.liangxin.division.Township;
import cn.liangxin.goal.GoalResource;
import cn.liangxin.history.History;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** The year's page: what changed in each township, and the annual freezes (年报). */
@Path("/annual")
@Produces(MediaType.TEXT_HTML)
public class AnnualPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance annual(YearOverYear.Comparison comparison, List<Freezes.Summary> freezes,
                                              List<Township> townships, String township, boolean canFreeze, int lastYear,
                                              String error);
    }

    @jakarta.inject.Inject
    cn.liangxin.history.History history;

    private final YearOverYear yoy;
    private final Freezes freezes;

    public AnnualPages(YearOverYear yoy, Freezes freezes) {
        this.yoy = yoy;
        this.freezes = freezes;
    }

    @GET
    public TemplateInstance page(@QueryParam("year") String year, @QueryParam("township") String township) {
        return render(GoalResource.yearSoFar(year), scope.townshipParam(township), null);
    }

    private TemplateInstance render(int year, String township, String error) {
        List<Freezes.Summary> frozen = freezes.list();
        return Templates.annual(yoy.compare(year, township), frozen, scope.townships(), township, scope.managesAnyCounty(),
                freezable(frozen), error);
    }

    /**
     * The year the freeze form offers: the latest ended year not frozen yet, back to the first year
     * recorded; 0 when every ended year is frozen.
     */
    private int freezable(List<Freezes.Summary> frozen) {
        java.util.Set<Integer> done = new java.util.HashSet<>();
        frozen.forEach(f -> done.add(f.year()));
        LocalDate first = history.firstDay();
        int from = first == null ? LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() - 1 : first.getYear();
        for (int y = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() - 1; y >= from; y--) {
            if (!done.contains(y)) {
                return y;
            }
        }
        return 0;
    }

    @POST
    @Path("freeze")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response freeze(MultivaluedMap<String, String> form) {
        int year = Params.integer("year", form.getFirst("year"), 2000, 2100, LocalDate.now(cn.liangxin.time.Days.ZONE).getYear() - 1);
        // who may not freeze is told so first; who may is asked once
        scope.manageCounty(scope.requestedCounty());
        cn.liangxin.web.Confirm.ask(form, cn.liangxin.web.Msg.t("confirm.freeze", year));
        try {
            freezes.freeze(year);
        } catch (ApiException e) {
            String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(render(year, null, message).render()).build();
        }
        return Response.seeOther(URI.create("/annual?year=" + year)).build();
    }
}
