package cn.liangxin.plan;

import cn.liangxin.division.Township;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The formation plan pages of a township or the county. */
@Path("/plans")
@Produces(MediaType.TEXT_HTML)
public class PlanPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance joint(List<JointProposals.TownshipProposal> proposals, List<Township> townships,
                                             String township);

        static native TemplateInstance timetable(Timetable.Plan plan, List<Township> townships, String township);

        static native TemplateInstance forecast(Forecasts.Forecast forecast, int months, List<Township> townships,
                                                String township);
    }

    private final JointProposals proposals;
    private final Forecasts forecasts;
    private final Timetable timetable;

    public PlanPages(JointProposals proposals, Forecasts forecasts, Timetable timetable) {
        this.proposals = proposals;
        this.forecasts = forecasts;
        this.timetable = timetable;
    }

    @GET
    @Path("timetable")
    public TemplateInstance timetable(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        return Templates.timetable(timetable.plan(code), scope.townships(), code);
    }

    @GET
    @Path("forecast")
    public TemplateInstance forecast(@QueryParam("township") String township, @QueryParam("months") String months) {
        String code = scope.townshipParam(township);
        int m = cn.liangxin.web.Params.integer("months", months, 1, 36, 12);
        return Templates.forecast(forecasts.forecast(code, java.time.LocalDate.now(Admissions.CHINA), m), m,
                scope.townships(), code);
    }

    @GET
    @Path("joint-proposals")
    public TemplateInstance joint(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        return Templates.joint(proposals.proposals(code), scope.townships(), code);
    }
}
