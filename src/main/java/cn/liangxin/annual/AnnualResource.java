package cn.liangxin.annual;

import cn.liangxin.goal.GoalResource;
import cn.liangxin.export.Column;
import cn.liangxin.export.Column.Type;
import cn.liangxin.export.Exports;
import cn.liangxin.web.Downloads;
import cn.liangxin.web.Msg;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The year-over-year comparison per township, as JSON and as a workbook. */
@Path("/api/reports")
public class AnnualResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** One line of the exported comparison. */
    public record Line(String township, String category, String name, String detail) {
    }

    static final List<Column<Line>> COLUMNS = List.of(
            new Column<>("township", "report.col.township", 12, Type.TEXT, Line::township),
            new Column<>("category", "yoy.col.category", 16, Type.TEXT, Line::category),
            new Column<>("name", "report.col.name", 26, Type.TEXT, Line::name),
            new Column<>("detail", "yoy.col.detail", 24, Type.TEXT, Line::detail));

    private final YearOverYear yoy;

    public AnnualResource(YearOverYear yoy) {
        this.yoy = yoy;
    }

    /**
     * Per township, over a year (default this one): newly covered, newly blank, newly registered,
     * closed, and party organizations dissolved within 12 months of founding (刚建又散).
     */
    @GET
    @Path("/year-over-year")
    @Produces(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description =
            "by=county: {year, from, to, recordedFrom, counties: [{code, name, newlyCovered, …}]} (counts); otherwise per township, named")
    public Object yearOverYear(@QueryParam("year") String year, @QueryParam("township") String township,
                               @QueryParam("by") String by) {
        if (cn.liangxin.web.Params.byCounty(by)) {
            return yoy.compareByCounty(GoalResource.yearSoFar(year));
        }
        return yoy.compare(GoalResource.yearSoFar(year), scope.townshipParam(township));
    }

    @GET
    @Path("/year-over-year.xlsx")
    @Produces(XLSX)
    public Response yearOverYearXlsx(@QueryParam("year") String year, @QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        YearOverYear.Comparison c = yoy.compare(GoalResource.yearSoFar(year), code);
        java.time.LocalDate today = cn.liangxin.time.Days.today();
        List<Line> lines = new ArrayList<>();
        for (YearOverYear.TownshipChanges t : c.townships()) {
            add(lines, t, "yoy.newlyCovered", YearOverYear.TownshipChanges::newlyCovered);
            add(lines, t, "yoy.newlyBlank", YearOverYear.TownshipChanges::newlyBlank);
            add(lines, t, "yoy.newlyRegistered", YearOverYear.TownshipChanges::newlyRegistered);
            add(lines, t, "yoy.closed", YearOverYear.TownshipChanges::closed);
            add(lines, t, "yoy.dissolvedSoon", YearOverYear.TownshipChanges::dissolvedSoon);
        }
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("yoy.sheet"), Msg.t("yoy.title", c.year(), c.from(), c.to()),
                COLUMNS, lines, null), Downloads.ascii("year-over-year-" + c.year(), code, today, ".xlsx"),
                Downloads.named(scope.name(code), Msg.t("yoy.file", c.year()), today, ".xlsx"), XLSX);
    }

    private static void add(List<Line> lines, YearOverYear.TownshipChanges t, String key,
                            Function<YearOverYear.TownshipChanges, List<YearOverYear.Named>> list) {
        for (YearOverYear.Named n : list.apply(t)) {
            lines.add(new Line(t.name(), Msg.t(key), n.name(), n.detail() == null ? "" : n.detail()));
        }
    }
}
