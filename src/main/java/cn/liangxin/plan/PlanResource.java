package cn.liangxin.plan;

import cn.liangxin.export.Column;
import cn.liangxin.export.Column.Type;
import cn.liangxin.export.Exports;
import cn.liangxin.web.Downloads;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Formation plans: joint-formation proposals per township, as JSON and as a workbook. */
@Path("/api/plans")
public class PlanResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** One line of the exported proposals: an organization and what is proposed for it. */
    public record Line(String township, String proposal, String organization, int formalMembers, String with,
                       String explanation) {
    }

    static final List<Column<Line>> COLUMNS = List.of(
            new Column<>("township", "report.col.township", 12, Type.TEXT, Line::township),
            new Column<>("proposal", "plan.joint.col.proposal", 12, Type.TEXT, Line::proposal),
            new Column<>("organization", "report.col.name", 22, Type.TEXT, Line::organization),
            new Column<>("formalMembers", "report.col.formalMembers", 8, Type.NUMBER, Line::formalMembers),
            new Column<>("with", "plan.joint.col.with", 24, Type.TEXT, Line::with),
            new Column<>("explanation", "plan.joint.col.explanation", 40, Type.TEXT, Line::explanation));

    private final JointProposals proposals;
    private final Forecasts forecasts;
    private final Timetable timetable;

    public PlanResource(JointProposals proposals, Forecasts forecasts, Timetable timetable) {
        this.proposals = proposals;
        this.forecasts = forecasts;
        this.timetable = timetable;
    }

    /**
     * The formation timetable: blank spots with a planned formation date by month, the overdue ones,
     * and the blank spots without a plan that lack a reason, a responsible person or countermeasures.
     */
    @GET
    @Path("/timetable")
    @Produces(MediaType.APPLICATION_JSON)
    public Timetable.Plan timetable(@QueryParam("township") String township) {
        return timetable.plan(scope.townshipParam(township));
    }

    /** One line of the exported timetable. */
    public record PlanLine(String month, String township, String organization, Integer formalMembers, String requiredForm,
                           LocalDate planned, String state) {
    }

    static final List<Column<PlanLine>> PLAN_COLUMNS = List.of(
            new Column<>("month", "plan.timetable.col.month", 9, Type.TEXT, PlanLine::month),
            new Column<>("township", "report.col.township", 12, Type.TEXT, PlanLine::township),
            new Column<>("organization", "report.col.name", 24, Type.TEXT, PlanLine::organization),
            new Column<>("formalMembers", "report.col.formalMembers", 8, Type.NUMBER, PlanLine::formalMembers),
            new Column<>("requiredForm", "plan.timetable.col.requiredForm", 10, Type.TEXT, PlanLine::requiredForm),
            new Column<>("planned", "report.col.plannedFormationOn", 11, Type.DATE, PlanLine::planned),
            new Column<>("state", "plan.timetable.col.state", 30, Type.TEXT, PlanLine::state));

    @GET
    @Path("/timetable.xlsx")
    @Produces(XLSX)
    public Response timetableXlsx(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        Timetable.Plan plan = timetable.plan(code);
        List<PlanLine> lines = new ArrayList<>();
        for (Timetable.Month m : plan.months()) {
            for (Timetable.Item i : m.organizations()) {
                lines.add(new PlanLine(m.month(), i.townshipName(), i.name(), i.formalMembers(), Msg.label(i.requiredForm()),
                        i.plannedFormationOn(), Msg.t(i.overdue() ? "plan.timetable.overdue" : "plan.timetable.onTime")));
            }
        }
        for (Timetable.DataGap g : plan.dataGaps()) {
            Timetable.Item i = g.organization();
            lines.add(new PlanLine("", i.townshipName(), i.name(), i.formalMembers(), Msg.label(i.requiredForm()), null,
                    Msg.t("plan.timetable.missing", String.join("、", g.missing().stream().map(Msg::field).toList()))));
        }
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("plan.timetable.sheet"),
                Msg.t("plan.timetable.exportTitle", plan.today()), PLAN_COLUMNS, lines, null),
                Downloads.ascii("timetable", code, plan.today(), ".xlsx"),
                Downloads.named(scope.name(code), Msg.t("plan.timetable.file"), plan.today(), ".xlsx"), XLSX);
    }

    /**
     * The member pipeline: organizations whose formal members reach 3, 50 or 100 between {@code on}
     * (default today) and {@code months} later (default 12, at most 36) as their probationary members
     * become formal; {@code becomesShouldForm} marks those that will then have to form their own
     * party organization.
     */
    @GET
    @Path("/forecast")
    @Produces(MediaType.APPLICATION_JSON)
    public Forecasts.Forecast forecast(@QueryParam("township") String township, @QueryParam("on") String on,
                                       @QueryParam("months") String months) {
        return forecasts.forecast(scope.townshipParam(township), Params.date("on", on, LocalDate.now(Admissions.CHINA)),
                Params.integer("months", months, 1, 36, 12));
    }

    /**
     * Per township (or the one asked for): groups of uncovered organizations with 1–2 formal members
     * that together can form a joint branch, the existing joint branch each remaining one could join,
     * and those for which nothing can be proposed yet.
     */
    @GET
    @Path("/joint-proposals")
    @Produces(MediaType.APPLICATION_JSON)
    public List<JointProposals.TownshipProposal> jointProposals(@QueryParam("township") String township) {
        return proposals.proposals(scope.townshipParam(township));
    }

    @GET
    @Path("/joint-proposals.xlsx")
    @Produces(XLSX)
    public Response jointProposalsXlsx(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        List<Line> lines = lines(proposals.proposals(code));
        LocalDate today = cn.liangxin.time.Days.today();
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("plan.joint.sheet"),
                Msg.t("plan.joint.exportTitle", today), COLUMNS, lines, null), Downloads.ascii("joint-proposals", code, today, ".xlsx"),
                Downloads.named(scope.name(code), Msg.t("plan.joint.file"), today, ".xlsx"), XLSX);
    }

    static List<Line> lines(List<JointProposals.TownshipProposal> all) {
        List<Line> lines = new ArrayList<>();
        for (JointProposals.TownshipProposal t : all) {
            int n = 0;
            for (JointProposals.Group g : t.groups()) {
                n++;
                for (JointProposals.Org o : g.organizations()) {
                    String others = String.join("、", g.organizations().stream().filter(x -> x != o)
                            .map(JointProposals.Org::name).toList());
                    lines.add(new Line(t.townshipName(), Msg.t("plan.joint.newGroup", n), o.name(), o.formalMembers(), others,
                            g.explanation()));
                }
            }
            for (JointProposals.Join j : t.joins()) {
                lines.add(new Line(t.townshipName(), Msg.t("plan.joint.joinExisting"), j.organization().name(),
                        j.organization().formalMembers(), j.partyOrganizationName(), j.explanation()));
            }
            for (JointProposals.Org o : t.unplaced()) {
                lines.add(new Line(t.townshipName(), Msg.t("plan.joint.none"), o.name(), o.formalMembers(), "",
                        t.unplacedExplanation()));
            }
        }
        return lines;
    }
}
