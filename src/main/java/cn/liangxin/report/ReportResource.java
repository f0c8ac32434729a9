package cn.liangxin.report;

import cn.liangxin.export.Column;
import cn.liangxin.export.Exports;
import cn.liangxin.division.Divisions;
import cn.liangxin.history.History;
import cn.liangxin.rules.GapCode;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Downloads;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.util.List;

/** The coverage table and the blank-spot ledger as JSON, XLSX and CSV. */
@Path("/api/reports")
public class ReportResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";

    private final CoverageReport report;
    private final Divisions divisions;
    private final History history;

    public ReportResource(CoverageReport report, Divisions divisions, History history) {
        this.report = report;
        this.divisions = divisions;
        this.history = history;
    }

    @jakarta.inject.Inject
    Quality quality;

    /**
     * How complete and current each township's data is: a score 0–100 and its components
     * (completeness, freshness, registerCoverage, noWarnings), each with numerator and denominator.
     */
    @GET
    @Path("/quality")
    @Produces(MediaType.APPLICATION_JSON)
    public Quality.Report quality(@QueryParam("county") String county, @QueryParam("township") String township) {
        String c = scope.countyParam(county);
        return quality.report(c, scope.townshipParam(township, c));
    }

    /**
     * The data-quality table as a workbook: a line per township and the total, with the score and each
     * component's numerator, denominator and rate.
     */
    @GET
    @Path("/quality.xlsx")
    @Produces(XLSX)
    public Response qualityXlsx(@QueryParam("county") String county, @QueryParam("township") String township) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        Quality.Report q = quality.report(c, code);
        String name = scopeName(c, code);
        String title = Msg.t("quality.title", name, day(null));
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("quality.sheet"), title, Columns.QUALITY, q.townships(),
                        q.total()), ascii("quality", code != null ? code : c, null, ".xlsx"),
                named("quality.file", name, null, ".xlsx"), XLSX);
    }

    /**
     * Per township in scope (or of the county asked for, or the one township asked for):
     * organizations, members, party organizations, coverage. With {@code asOf=YYYY-MM-DD}: as recorded at the end of that day (Asia/Shanghai).
     */
    @GET
    @Path("/coverage")
    @Produces(MediaType.APPLICATION_JSON)
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description =
            "by=county: {total, counties: [ROW]}; otherwise {total, townships: [ROW]}")
    public Object coverage(@QueryParam("county") String county, @QueryParam("township") String township,
            @QueryParam("asOf") String asOf, @QueryParam("by") String by) {
        if (cn.liangxin.web.Params.byCounty(by)) {
            return report.byCounty(instant(history.asOf(asOf)));
        }
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        return report.coverage(c, code, instant(history.asOf(asOf)));
    }

    @GET
    @Path("/coverage.xlsx")
    @Produces(XLSX)
    public Response coverageXlsx(@QueryParam("county") String county, @QueryParam("township") String township,
            @QueryParam("asOf") String asOf, @QueryParam("by") String by) {
        if (cn.liangxin.web.Params.byCounty(by)) {
            History.AsOf when = history.asOf(asOf);
            CoverageReport.CountyTable t = report.byCounty(instant(when));
            String title = Msg.t("report.coverage.title", scopeName(null), day(when));
            return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("report.coverage.sheet"), title, Columns.COVERAGE,
                    t.counties(), t.total()), ascii("coverage", null, when, ".xlsx"), named("report.coverage.file", scopeName(null), when, ".xlsx"), XLSX);
        }
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        History.AsOf when = history.asOf(asOf);
        CoverageReport.Table t = report.coverage(c, code, instant(when));
        String title = Msg.t("report.coverage.title", scope(t.townships(), township, c), day(when));
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("report.coverage.sheet"), title, Columns.COVERAGE, t.townships(),
                t.total()), ascii("coverage", code != null ? code : c, when, ".xlsx"),
                named("report.coverage.file", scope(t.townships(), township, c), when, ".xlsx"), XLSX);
    }

    @GET
    @Path("/coverage.csv")
    @Produces(CSV)
    public Response coverageCsv(@QueryParam("county") String county, @QueryParam("township") String township,
            @QueryParam("asOf") String asOf, @QueryParam("by") String by) {
        if (cn.liangxin.web.Params.byCounty(by)) {
            History.AsOf when = history.asOf(asOf);
            CoverageReport.CountyTable t = report.byCounty(instant(when));
            return Downloads.attachment(out -> Exports.csv(out, Columns.COVERAGE, t.counties(), t.total()),
                    ascii("coverage", null, when, ".csv"), named("report.coverage.file", scopeName(null), when, ".csv"), CSV);
        }
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        History.AsOf when = history.asOf(asOf);
        CoverageReport.Table t = report.coverage(c, code, instant(when));
        return Downloads.attachment(out -> Exports.csv(out, Columns.COVERAGE, t.townships(), t.total()),
                ascii("coverage", code != null ? code : c, when, ".csv"),
                named("report.coverage.file", scope(t.townships(), township, c), when, ".csv"), CSV);
    }

    /**
     * Active organizations no party organization covers (in scope, in the county or in the township
     * asked for), by category then members (most first); of one category with {@code category=}
     * (SHOULD_FORM, FEW_MEMBERS, NO_MEMBERS). Paged with {@code offset} and {@code limit} (at most
     * 10,000; without it, every line); the header {@code X-Total-Count} says how many lines there
     * are in all. With {@code asOf=YYYY-MM-DD}: as recorded at the end of that day (Asia/Shanghai).
     */
    @GET
    @Path("/blank-spots")
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<List<BlankSpot>> blankSpots(@QueryParam("county") String county, @QueryParam("township") String township,
            @QueryParam("asOf") String asOf, @QueryParam("category") String category,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        GapCode cat = category(category);
        int from = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        Integer lines = limit == null || limit.isBlank() ? null : Params.integer("limit", limit, 1, MAX_LIMIT, MAX_LIMIT);
        CoverageReport.Ledger ledger = report.ledger(c, code, cat, instant(history.asOf(asOf)), from, lines);
        return RestResponse.ResponseBuilder.ok(ledger.items()).header(TOTAL, ledger.total()).build();
    }

    /** The header that tells a paged list's length in all. */
    static final String TOTAL = "X-Total-Count";
    static final int MAX_LIMIT = 10_000;

    /** A ledger category (a blank spot's, or NOMINAL_COVERAGE), or null; another gap code is a 400 naming the parameter. */
    static GapCode category(String value) {
        GapCode cat = Params.enumeration("category", value, GapCode.class);
        if (cat != null && !cat.isLedgerCategory()) {
            throw ApiException.invalid("category", Msg.t("error.json.enum", value, GapCode.ledgerCategories().stream()
                    .map(Enum::name).collect(java.util.stream.Collectors.joining(", "))));
        }
        return cat;
    }

    @GET
    @Path("/blank-spots.xlsx")
    @Produces(XLSX)
    public Response blankSpotsXlsx(@QueryParam("county") String county, @QueryParam("township") String township,
            @QueryParam("asOf") String asOf) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        History.AsOf when = history.asOf(asOf);
        List<BlankSpot> rows = report.blankSpots(c, code, instant(when));
        String title = Msg.t("report.blankSpots.title", scopeName(c, code), day(when), rows.size());
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("report.blankSpots.sheet"), title, Columns.BLANK_SPOTS, rows, null),
                ascii("blank-spots", code != null ? code : c, when, ".xlsx"),
                named("report.blankSpots.file", scopeName(c, code), when, ".xlsx"), XLSX);
    }

    @GET
    @Path("/blank-spots.csv")
    @Produces(CSV)
    public Response blankSpotsCsv(@QueryParam("county") String county, @QueryParam("township") String township,
            @QueryParam("asOf") String asOf) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        History.AsOf when = history.asOf(asOf);
        List<BlankSpot> rows = report.blankSpots(c, code, instant(when));
        return Downloads.attachment(out -> Exports.csv(out, Columns.BLANK_SPOTS, rows, null),
                ascii("blank-spots", code != null ? code : c, when, ".csv"),
                named("report.blankSpots.file", scopeName(c, code), when, ".csv"), CSV);
    }

    /** A download's name: what it is, of which scope, of which day (罗雄街道-空白点台账-2026-11-28.xlsx). */
    static String named(String whatKey, String scopeName, History.AsOf when, String extension) {
        return Downloads.named(scopeName, Msg.t(whatKey), day(when), extension);
    }

    /** The same for a browser that reads only ASCII names (blank-spots-530324001-2026-11-28.xlsx). */
    static String ascii(String what, String code, History.AsOf when, String extension) {
        return Downloads.ascii(what, code, day(when), extension);
    }

    static java.time.Instant instant(History.AsOf asOf) {
        return asOf == null ? null : asOf.instant();
    }

    /** The day a report's title names: the day asked for, or today. */
    static LocalDate day(History.AsOf asOf) {
        return asOf == null ? LocalDate.now(cn.liangxin.time.Days.ZONE) : asOf.date();
    }

    private String scope(List<CoverageRow> rows, String township, String county) {
        return township == null ? scopeName(county, null) : scopeName(rows.get(0).code());
    }

    /** The county asked for (or all in scope), or the township when one is asked for. */
    String scopeName(String county, String township) {
        if (township == null && county != null) {
            return scope.partName(county);
        }
        return scopeName(township);
    }

    /**
     * The county (or counties) the caller holds whole, or the township when one is asked for; a clerk's
     * townships by name (罗平县罗雄街道、腊山街道), never the county she does not hold.
     */
    String scopeName(String township) {
        return scope.name(township);
    }


}
