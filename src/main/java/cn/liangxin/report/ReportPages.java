package cn.liangxin.report;

import cn.liangxin.export.Column;
import cn.liangxin.export.Exports;
import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.history.History;
import cn.liangxin.organization.Organizations;
import cn.liangxin.partyorg.PartyOrganizationView;
import cn.liangxin.partyorg.PartyOrganizations;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.Thresholds;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.util.List;

/** The county overview, the township page and the print versions of both reports. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReportPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    static final int PAGE_SIZE = 100;
    /** Lines of the blank-spot ledger per page on screen; the print page and the exports hold them all. */
    static final int LEDGER_PAGE = 100;

    /** Lines of each list the township page shows before its 更多. */
    static final int FIRST_LINES = 5;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(String scopeName, String query, List<CoverageRow> rows, CoverageRow total,
                                                boolean byCounty, List<Column<CoverageRow>> columns, String rulesText,
                                                List<String> charts, boolean wholeCounty,
                                                java.util.Map<String, Integer> qualityScores, Integer totalScore);

        static native TemplateInstance township(String countyName, Township township, CoverageRow row,
                                                List<Column<CoverageRow>> summaryColumns, CoverageReport.Ledger ledger,
                                                List<PageLink> ledgerPages, int ledgerPage, boolean ledgerAll,
                                                Organizations.Page orgs, List<PageLink> pages, int page, boolean orgsAll,
                                                Quality.Line quality, List<PartyOrganizationView> parties,
                                                List<PartyOrganizationView> allParties,
                                                List<cn.liangxin.plan.Timetable.Item> overdue, int overdueTotal,
                                                List<String> charts);

        static native TemplateInstance printCoverage(String title, String note, List<CoverageRow> rows, CoverageRow total,
                                                     boolean byCounty, List<Column<CoverageRow>> columns);

        static native TemplateInstance blankSpots(String title, String scopeQuery, String category,
                                                  List<cn.liangxin.rules.GapCode> categories, CoverageReport.Ledger ledger,
                                                  int first, String countText,
                                                  List<PageLink> pages, List<Column<BlankSpot>> columns,
                                                  String county, String township, String q, List<Township> townships,
                                                  String pageQuery, java.time.LocalDate today);

        /** The print ledger around its rows, which are streamed in at {@link #ROWS}. */
        static native TemplateInstance printBlankSpots(String title, String note, List<Column<BlankSpot>> columns);

        static native TemplateInstance printBlankSpotRow(long index, BlankSpot b, List<Column<BlankSpot>> columns);
    }

    /** A link to one page of a long list; {@code gapBefore}: pages were left out before this one. */
    public record PageLink(int index, int number, boolean current, boolean gapBefore) {
    }

    /**
     * Links to the pages of a list of {@code total} lines, {@code size} a page: the first and the
     * last, and those within three of the current one.
     */
    static List<PageLink> pages(long total, int size, int current) {
        int count = (int) ((total + size - 1) / size);
        List<PageLink> links = new java.util.ArrayList<>();
        int last = -1;
        for (int i = 0; i < count; i++) {
            if (i == 0 || i == count - 1 || Math.abs(i - current) <= 3) {
                links.add(new PageLink(i, i + 1, i == current, last >= 0 && i > last + 1));
                last = i;
            }
        }
        return links;
    }

    private final CoverageReport report;
    private final Divisions divisions;
    private final Organizations organizations;
    private final PartyOrganizations parties;
    private final FormationRules rules;
    private final ReportResource resource;
    private final History history;
    private final cn.liangxin.plan.Timetable timetable;
    private final cn.liangxin.goal.Goals goals;
    @jakarta.inject.Inject
    Quality quality;

    public ReportPages(CoverageReport report, Divisions divisions, Organizations organizations,
                       PartyOrganizations parties, FormationRules rules, ReportResource resource,
                       History history, cn.liangxin.plan.Timetable timetable, cn.liangxin.goal.Goals goals) {
        this.timetable = timetable;
        this.goals = goals;
        this.history = history;
        this.report = report;
        this.divisions = divisions;
        this.organizations = organizations;
        this.parties = parties;
        this.rules = rules;
        this.resource = resource;
    }

    /** County overview: the coverage table with a line per township (of one county with {@code county=}). */
    @GET
    public TemplateInstance overview(@QueryParam("county") String county) {
        Thresholds t = rules.thresholds();
        String c = scope.countyParam(county);
        String rules = Msg.t("overview.rules", t.branchMinMembers(), t.generalBranchMinMembers(), t.committeeMinMembers(),
                        t.largeHeadcount(), t.veryLargeHeadcount());
        if (c == null && scope.counties().size() > 1) {
            // a prefecture or province: a line per county, each opening that county's table
            // the coverage and the data-quality score of each county, and the region's, from one read of the
            // figures kept per township
            cn.liangxin.security.Scope.Part part = scope.part(null, null);
            List<Township> all = scope.townships().stream().filter(x -> part.holds(x.countyCode(), x.code())).toList();
            java.util.Map<String, java.util.Map<String, Long>> figures = report.figures(part, all);
            CoverageReport.CountyTable byCounty = report.byCounty(all, figures);
            Quality.Report region = quality.report(part, all, figures);
            return Templates.overview(resource.scopeName(null, null), "?by=county", byCounty.counties(), byCounty.total(), true,
                    Columns.COVERAGE, rules, List.of(bars(byCounty.counties(), "/?county=", null)), true,
                    quality.countyScores(region), region.total().score());
        }
        CoverageReport.Table table = report.coverage(c, null, null);
        Quality.Report q = quality.report(c, null);
        java.util.Map<String, Integer> scores = new java.util.HashMap<>();
        q.townships().forEach(l -> scores.put(l.code(), l.score()));
        // the picture first: each township's coverage against this year's goal, and the county's years
        var cache = cn.liangxin.goal.Goals.cache();
        String years = goals.chart(cn.liangxin.rules.GoalMetric.COVERAGE, null, goals.chartYears(), cache);
        return Templates.overview(resource.scopeName(c, null), c == null ? "" : "?county=" + c, table.townships(), table.total(),
                false, Columns.COVERAGE, rules, List.of(bars(table.townships(), "/townships/", goals.target(
                        cn.liangxin.rules.GoalMetric.COVERAGE, cn.liangxin.time.Days.today().getYear())), years),
                c != null ? scope.seesWhole(c) : scope.counties().stream().allMatch(x -> scope.seesWhole(x.code())),
                scores, q.total().score());
    }

    /** The coverage rate of each line of a table as bars, each opening its line's page. */
    private static String bars(List<CoverageRow> rows, String href, java.math.BigDecimal target) {
        return cn.liangxin.goal.Chart.bars(Msg.t("overview.chart.byTownship"), rows.stream()
                .map(r -> new cn.liangxin.goal.Chart.Bar(r.name(), r.coverageRate(), href + r.code())).toList(), target);
    }

    /** A township: its figures, blank-spot ledger, party organizations and organizations. */
    @GET
    @Path("townships/{code}")
    public TemplateInstance township(@PathParam("code") String code, @QueryParam("page") String page,
                                     @QueryParam("ledger") String ledger, @QueryParam("parties") String partiesShown) {
        Township township = divisions.township(code).filter(t -> scope.sees(t.code()))
                .orElseThrow(() -> ApiException.notFound(Msg.t("township.what", code)));
        int p = Params.integer("page", page, 0, 100_000, 0);
        int l = Params.integer("ledger", ledger, 0, 100_000, 0);
        // without a page asked for, each list shows its first lines and 更多: a page a phone can carry
        boolean ledgerAll = ledger != null && !ledger.isBlank();
        boolean orgsAll = page != null && !page.isBlank();
        CoverageReport.Table table = report.coverage(township.code());
        List<cn.liangxin.plan.Timetable.Item> overdue = timetable.overdue(township.code());
        List<PartyOrganizationView> allParties = parties.list(township.code());
        CoverageReport.Ledger spots = report.ledger(null, township.code(), null, null, l * LEDGER_PAGE,
                ledgerAll ? LEDGER_PAGE : FIRST_LINES);
        Organizations.Page orgs = orgsAll
                ? organizations.list(new Organizations.Filter(township.code(), null, null, null, p, PAGE_SIZE))
                : organizations.list(new Organizations.Filter(township.code(), null, null, null, 0, FIRST_LINES));
        return Templates.township(divisions.county(township.countyCode()).orElseThrow().name(), township,
                table.townships().get(0), Columns.COVERAGE.subList(2, Columns.COVERAGE.size()),
                spots, pages(spots.total(), LEDGER_PAGE, l), l, ledgerAll, orgs, pages(orgs.total(), PAGE_SIZE, p), p, orgsAll,
                quality.report(null, township.code()).townships().get(0),
                "all".equals(partiesShown) ? allParties : first(allParties), allParties, first(overdue), overdue.size(),
                charts(township.code()));
    }

    /** The first lines of a list, as the township page shows them before its 更多. */
    private static <T> List<T> first(List<T> all) {
        return all.size() <= FIRST_LINES ? all : all.subList(0, FIRST_LINES);
    }

    /**
     * The blank-spot ledger on screen, a page at a time (of the county asked for, or of one
     * township; of one category with {@code category=}); the print page and the exports hold it whole.
     */
    @GET
    @Path("blank-spots")
    public TemplateInstance blankSpots(@QueryParam("county") String county, @QueryParam("township") String township,
                                       @QueryParam("category") String category, @QueryParam("page") String page,
                                       @QueryParam("q") String q) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township == null || township.isBlank() ? null : township, c);
        cn.liangxin.rules.GapCode cat = ReportResource.category(category);
        int p = Params.integer("page", page, 0, 100_000, 0);
        String name = Params.optional("q", q);
        CoverageReport.Ledger ledger = report.ledger(c, code, cat, name, null, p * LEDGER_PAGE, LEDGER_PAGE);
        String scope = code != null ? "?township=" + code : c != null ? "?county=" + c : "";
        String title = Msg.t("ledger.title", resource.scopeName(c, code), ReportResource.day(history.asOf(null)));
        int first = p * LEDGER_PAGE;
        String count = ledger.items().isEmpty() ? Msg.t("ledger.none", ledger.total())
                : Msg.t("ledger.showing", ledger.total(), first + 1, first + ledger.items().size());
        if (cat == null && !ledger.items().isEmpty()) {
            // the total says what it holds besides the blank spots
            long nominal = name == null ? report.coverage(c, code, null).total().nominalCoverage()
                    : report.ledger(c, code, cn.liangxin.rules.GapCode.NOMINAL_COVERAGE, name, null, 0, 1).total();
            if (nominal > 0) {
                count += Msg.t("ledger.withNominal", ledger.total() - nominal, nominal);
            }
        }
        // the query of the pager's links: everything asked for but the page
        StringBuilder pageQuery = new StringBuilder(scope.isEmpty() ? "?" : scope + "&");
        if (cat != null) {
            pageQuery.append("category=").append(cat.name()).append('&');
        }
        if (name != null) {
            pageQuery.append("q=").append(Msg.query(name)).append('&');
        }
        List<Township> townships = c == null ? this.scope.townships()
                : this.scope.townships().stream().filter(t -> t.countyCode().equals(c)).toList();
        return Templates.blankSpots(title, scope, cat == null ? "" : cat.name(), cn.liangxin.rules.GapCode.ledgerCategories(),
                ledger, first, count,
                pages(ledger.total(), LEDGER_PAGE, p), Columns.BLANK_SPOTS, c == null ? "" : c, code == null ? "" : code,
                name == null ? "" : name, townships, pageQuery.toString(), cn.liangxin.time.Days.today());
    }

    /** The township's line beside the county's, year by year, for each metric the county set a goal for. */
    private List<String> charts(String township) {
        var cache = cn.liangxin.goal.Goals.cache();
        List<Integer> years = goals.chartYears();
        return goals.chartedMetrics(township).stream().map(m -> goals.chart(m, township, years, cache)).toList();
    }

    /**
     * The coverage table to print: a line per township (of one county, or the one township), or, for a
     * prefecture or province asked for nothing narrower (or with {@code by=county}), a line per county
     * as on its overview; the total last.
     */
    @GET
    @Path("print/coverage")
    public TemplateInstance printCoverage(@QueryParam("county") String county, @QueryParam("township") String township,
                                          @QueryParam("asOf") String asOf, @QueryParam("by") String by) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        History.AsOf when = history.asOf(asOf);
        boolean byCounty = by == null || by.isBlank() ? c == null && code == null && scope.counties().size() > 1
                : cn.liangxin.web.Params.byCounty(by);
        if (byCounty) {
            CoverageReport.CountyTable t = report.byCounty(ReportResource.instant(when));
            return Templates.printCoverage(Msg.t("report.coverage.title", resource.scopeName(null, null), ReportResource.day(when)),
                    note(when), t.counties(), t.total(), true, Columns.COVERAGE);
        }
        CoverageReport.Table t = report.coverage(c, code, ReportResource.instant(when));
        return Templates.printCoverage(Msg.t("report.coverage.title", resource.scopeName(c, code), ReportResource.day(when)),
                note(when), t.townships(), t.total(), false, Columns.COVERAGE);
    }

    /** Where the print ledger's rows go in its page ({@code printBlankSpots.html}). */
    static final String ROWS = "<!--rows-->";

    /**
     * The whole ledger to print, streamed: the page around it is written once the number of lines is
     * known, then each line as the database's cursor hands it over, so the service holds no list of
     * it and the browser starts on the first lines while the last are being read.
     */
    @GET
    @Path("print/blank-spots")
    public jakarta.ws.rs.core.Response printBlankSpots(@QueryParam("county") String county,
                                                      @QueryParam("township") String township,
                                                      @QueryParam("asOf") String asOf) {
        String c = scope.countyParam(county);
        String code = scope.townshipParam(township, c);
        History.AsOf when = history.asOf(asOf);
        cn.liangxin.security.Scope.Part part = scope.part(c, code);
        String scopeName = resource.scopeName(c, code);
        jakarta.ws.rs.core.StreamingOutput body = out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                    java.nio.charset.StandardCharsets.UTF_8), 16 * 1024);
            String[] page = new String[2];
            long[] index = {0};
            report.eachLedgerLine(part, ReportResource.instant(when), total -> {
                String all = Templates.printBlankSpots(Msg.t("report.blankSpots.title", scopeName, ReportResource.day(when),
                        total), note(when), Columns.BLANK_SPOTS).render();
                int at = all.indexOf(ROWS);
                page[0] = all.substring(0, at);
                page[1] = all.substring(at + ROWS.length());
                write(w, page[0]);
            }, b -> write(w, Templates.printBlankSpotRow(++index[0], b, Columns.BLANK_SPOTS).render()));
            w.write(page[1]);
            w.flush();
        };
        return jakarta.ws.rs.core.Response.ok(body, "text/html;charset=UTF-8").build();
    }

    private static void write(java.io.Writer w, String text) {
        try {
            w.write(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Under the title of a report as of a past day: that it is reproduced from the records. */
    private static String note(History.AsOf when) {
        return when == null ? null : Msg.t("history.asOf.note", when.date());
    }

    /**
     * The cells of one line of the overview's table, written at once (a province's table is 130 lines
     * of 24 cells: cell by cell in the template, it took longer than the figures behind it): the
     * name linking to the line's page, its data-quality score, then each column, labelled for phones.
     */
    @io.quarkus.qute.TemplateExtension
    static io.quarkus.qute.RawString overviewCells(CoverageRow row, List<Column<CoverageRow>> columns, boolean byCounty,
                                                  Integer score) {
        StringBuilder b = new StringBuilder(2048);
        for (Column<CoverageRow> c : columns) {
            if (c.key().equals("name")) {
                b.append("<th scope=\"row\" data-col=\"name\"><a href=\"").append(byCounty ? "/?county=" : "/townships/")
                        .append(html(row.code())).append("\">").append(html(row.name())).append("</a></th>")
                        .append("<td class=\"num\" data-col=\"quality\" data-label=\"").append(html(Msg.t("overview.col.quality")))
                        .append("\">");
                if (score != null) {
                    b.append("<a href=\"").append(byCounty ? "/?county=" + html(row.code()) : "/townships/" + html(row.code()) + "#quality")
                            .append("\" title=\"").append(html(Msg.t("overview.quality.title", row.name(), score))).append("\">")
                            .append(score).append("</a>");
                } else {
                    b.append('—');
                }
                b.append("</td>");
            } else {
                b.append(c.numeric() ? "<td class=\"num\" data-col=\"" : "<td data-col=\"").append(html(c.key()))
                        .append("\" data-label=\"").append(html(c.header())).append("\">").append(html(c.text(row))).append("</td>");
            }
        }
        return new io.quarkus.qute.RawString(b.toString());
    }

    /**
     * The cells of one line of the ledger page, written at once like {@link #overviewCells}: the name
     * linking to the organization, the township to its ledger, a planned date already past flagged.
     */
    @io.quarkus.qute.TemplateExtension
    static io.quarkus.qute.RawString ledgerCells(BlankSpot b, List<Column<BlankSpot>> columns, LocalDate today) {
        StringBuilder s = new StringBuilder(2048);
        for (Column<BlankSpot> c : columns) {
            String key = c.key();
            if (key.equals("name")) {
                s.append("<th scope=\"row\" data-col=\"name\"><a href=\"/organizations/").append(b.organizationId()).append("\">")
                        .append(html(b.name())).append("</a></th>");
            } else if (key.equals("townshipName")) {
                s.append("<td data-col=\"townshipName\" data-label=\"").append(html(c.header())).append("\"><a href=\"/townships/")
                        .append(html(b.townshipCode())).append("#ledger\">").append(html(b.townshipName())).append("</a></td>");
            } else {
                s.append(c.numeric() ? "<td class=\"num\" data-col=\"" : "<td data-col=\"").append(html(key))
                        .append("\" data-label=\"").append(html(c.header())).append("\">").append(html(c.text(b)));
                if (key.equals("plannedFormationOn") && b.plannedFormationOn() != null && b.plannedFormationOn().isBefore(today)) {
                    s.append(" <span class=\"overdue-flag\">").append(html(Msg.t("ledger.overdue"))).append("</span>");
                }
                s.append("</td>");
            }
        }
        return new io.quarkus.qute.RawString(s.toString());
    }

    /** A line of the township page's ledger, written at once like {@link #overviewCells}. */
    @io.quarkus.qute.TemplateExtension
    static io.quarkus.qute.RawString townshipLedgerRow(BlankSpot b) {
        StringBuilder s = new StringBuilder(2048);
        s.append("<tr data-org-id=\"").append(b.organizationId()).append("\">\n")
                .append("    <th scope=\"row\" data-col=\"name\"><a href=\"/organizations/").append(b.organizationId()).append("\">")
                .append(html(b.name())).append("</a></th>\n");
        cell(s, false, "category", "report.col.category", Msg.label(b.category()));
        cell(s, false, "requiredForm", "report.col.requiredForm", Msg.label(b.requiredForm()));
        cell(s, true, "formalMembers", "report.col.formalMembers", String.valueOf(b.formalMembers()));
        cell(s, true, "headcount", "report.col.headcount", String.valueOf(b.headcount()));
        cell(s, false, "secretaryCandidate", "report.col.secretaryCandidate", Msg.yesNo("secretaryCandidate", b.secretaryCandidate()));
        cell(s, false, "ownerAttitude", "report.col.ownerAttitude", Msg.label(b.ownerAttitude()));
        cell(s, false, "plannedFormationOn", "report.col.plannedFormationOn",
                b.plannedFormationOn() == null ? "" : b.plannedFormationOn().toString());
        cell(s, false, "explanation", "report.col.explanation", b.explanation());
        return new io.quarkus.qute.RawString(s.append("  </tr>").toString());
    }

    private static void cell(StringBuilder s, boolean numeric, String col, String label, String text) {
        s.append(numeric ? "    <td class=\"num\" data-col=\"" : "    <td data-col=\"").append(col).append("\" data-label=\"")
                .append(html(Msg.t(label))).append("\">").append(html(text)).append("</td>\n");
    }

    /** A line of the township page's organizations, written at once like {@link #overviewCells}. */
    @io.quarkus.qute.TemplateExtension
    static io.quarkus.qute.RawString townshipOrganizationRow(cn.liangxin.organization.OrganizationView o) {
        StringBuilder s = new StringBuilder(2048);
        s.append("<tr data-org-id=\"").append(o.id()).append("\">\n")
                .append("    <th scope=\"row\"><a href=\"/organizations/").append(o.id()).append("\">").append(html(o.name()))
                .append("</a></th>\n");
        labelled(s, false, "field.kind", html(Msg.label(o.kind())));
        labelled(s, false, "field.status", html(Msg.label(o.status())));
        labelled(s, true, "report.col.headcount", String.valueOf(o.headcount()));
        labelled(s, true, "report.col.formalMembers", String.valueOf(o.formalMembers()));
        labelled(s, false, "township.coveredBy", o.partyOrganization() != null ? html(o.partyOrganization().name())
                : "<span class=\"muted\">" + html(Msg.t("township.notCovered")) + "</span>");
        labelled(s, false, "report.col.requiredForm", html(Msg.label(o.classification().requiredForm())));
        StringBuilder gaps = new StringBuilder();
        for (cn.liangxin.rules.Gap g : o.classification().gaps()) {
            gaps.append("<span class=\"gap ").append(html(g.code().name())).append("\" title=\"").append(html(g.explanation()))
                    .append("\">").append(html(Msg.label(g.code()))).append("</span>");
        }
        labelled(s, false, "township.gaps", gaps.toString());
        return new io.quarkus.qute.RawString(s.append("  </tr>").toString());
    }

    /** A cell labelled for phones, its content already HTML. */
    private static void labelled(StringBuilder s, boolean numeric, String label, String content) {
        s.append(numeric ? "    <td class=\"num\" data-label=\"" : "    <td data-label=\"").append(html(Msg.t(label))).append("\">")
                .append(content).append("</td>\n");
    }

    /** The templates' own escaper: a line written in code is escaped by the same rule as a template's. */
    private static final io.quarkus.qute.HtmlEscaper ESCAPER = new io.quarkus.qute.HtmlEscaper(List.of("text/html"));

    /** Text escaped for HTML by the templates' escaper. */
    static String html(String text) {
        return text == null ? "" : ESCAPER.map(text, null);
    }

    /** How many of a list of party organizations are in office: the count a heading shows. */
    @io.quarkus.qute.TemplateExtension
    static long activeCount(List<PartyOrganizationView> parties) {
        return parties.stream().filter(PartyOrganizationView::active).count();
    }

    /** How many are dissolved (listed, but not counted as party organizations). */
    @io.quarkus.qute.TemplateExtension
    static long dissolvedCount(List<PartyOrganizationView> parties) {
        return parties.stream().filter(p -> !p.active()).count();
    }
}
