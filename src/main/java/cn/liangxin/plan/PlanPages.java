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

        static native TemplateInstance timetable(Timetable.Plan plan, List<Timetable.Month> months, int page, int shownFrom,
                                                 int shownTo, int rows, String pageQuery, List<Timetable.DataGap> gaps,
                                                 List<Township> townships, String township);

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
    public TemplateInstance timetable(@QueryParam("township") String township, @QueryParam("page") String page,
                                      @QueryParam("gaps") String gaps) {
        String code = scope.townshipParam(township);
        int p = cn.liangxin.web.Params.integer("page", page, 0, 100_000, 0);
        Timetable.Plan plan = timetable.plan(code);
        int rows = plan.months().stream().mapToInt(m -> m.organizations().size()).sum();
        List<Timetable.DataGap> shownGaps = "all".equals(gaps) || plan.dataGaps().size() <= FIRST_GAPS
                ? plan.dataGaps() : plan.dataGaps().subList(0, FIRST_GAPS);
        return Templates.timetable(plan, slice(plan.months(), p * TIMETABLE_PAGE, TIMETABLE_PAGE), p, p * TIMETABLE_PAGE,
                Math.min(rows, (p + 1) * TIMETABLE_PAGE), rows,
                code == null ? "" : "township=" + code + "&", shownGaps, scope.townships(), code);
    }

    /** Plans the timetable page shows at a time: a list a phone can carry. */
    static final int TIMETABLE_PAGE = 50;

    /** Blank spots without a plan shown before 更多. */
    static final int FIRST_GAPS = 5;

    /** The plans {@code from} to {@code from + count} of the months, each month with its part of them. */
    static List<Timetable.Month> slice(List<Timetable.Month> months, int from, int count) {
        List<Timetable.Month> out = new java.util.ArrayList<>();
        int at = 0;
        for (Timetable.Month m : months) {
            int size = m.organizations().size();
            int start = Math.max(from, at), end = Math.min(from + count, at + size);
            if (start < end) {
                out.add(new Timetable.Month(m.month(), m.organizations().subList(start - at, end - at)));
            }
            at += size;
        }
        return out;
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
