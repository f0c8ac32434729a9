package cn.liangxin.registerbook;

import cn.liangxin.organization.OrganizationView;
import cn.liangxin.organization.Organizations;
import cn.liangxin.organization.Sector;

import cn.liangxin.export.Column;
import cn.liangxin.export.Column.Type;
import cn.liangxin.export.Exports;
import cn.liangxin.partyorg.PartyOrganizationView;
import cn.liangxin.partyorg.PartyOrganizations;
import cn.liangxin.rules.GapCode;
import cn.liangxin.security.Scope;
import cn.liangxin.web.Downloads;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The register books (登记造册): the whole registry in the caller's scope as workbooks and CSV, the
 * organizations with the filters of their list, the party organizations with what they cover, both
 * written by the reports' export writer (title row with scope and date, 序号, Chinese headers).
 */
@Path("/api")
public class RegisterBooks {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";
    /** Organizations read from the registry at a time while a book is written. */
    private static final int BATCH = 1000;

    static final List<Column<OrganizationView>> ORGANIZATIONS = List.of(
            new Column<>("townshipName", "report.col.township", 14, Type.TEXT, OrganizationView::townshipName),
            new Column<>("name", "field.name", 30, Type.TEXT, OrganizationView::name),
            new Column<>("uscc", "field.uscc", 20, Type.TEXT, OrganizationView::uscc),
            new Column<>("kind", "field.kind", 12, Type.TEXT, OrganizationView::kind),
            new Column<>("community", "field.community", 12, Type.TEXT, OrganizationView::community),
            new Column<>("address", "field.address", 24, Type.TEXT, OrganizationView::address),
            new Column<>("building", "field.building", 14, Type.TEXT, OrganizationView::building),
            new Column<>("industry", "field.industry", 6, Type.TEXT, OrganizationView::industry),
            new Column<>("status", "field.status", 8, Type.TEXT, OrganizationView::status),
            new Column<>("headcount", "field.headcount", 8, Type.NUMBER, OrganizationView::headcount),
            new Column<>("formalMembers", "field.formalMembers", 8, Type.NUMBER, OrganizationView::formalMembers),
            new Column<>("probationaryMembers", "field.probationaryMembers", 8, Type.NUMBER, OrganizationView::probationaryMembers),
            new Column<>("membersElsewhere", "field.membersElsewhere", 10, Type.NUMBER, OrganizationView::membersElsewhere),
            new Column<>("partyOrganization", "report.col.partyOrganization", 20, Type.TEXT,
                    o -> o.partyOrganization() == null ? null : o.partyOrganization().name()),
            new Column<>("requiredForm", "report.col.requiredForm", 10, Type.TEXT, o -> o.classification().requiredForm()),
            new Column<>("gaps", "registerBook.col.gaps", 20, Type.TEXT, o -> String.join("、",
                    o.classification().gaps().stream().map(g -> Msg.label(g.code())).toList())),
            new Column<>("secretaryCandidate", "field.secretaryCandidate", 8, Type.TEXT, OrganizationView::secretaryCandidate),
            new Column<>("ownerAttitude", "field.ownerAttitude", 8, Type.TEXT, OrganizationView::ownerAttitude),
            new Column<>("instructor", "field.instructor", 10, Type.TEXT, OrganizationView::instructor),
            new Column<>("plannedFormationOn", "field.plannedFormationOn", 12, Type.DATE, OrganizationView::plannedFormationOn),
            new Column<>("id", "registerBook.col.id", 10, Type.NUMBER, OrganizationView::id));

    static final List<Column<PartyOrganizationView>> PARTY_ORGANIZATIONS = List.of(
            new Column<>("townshipName", "report.col.township", 14, Type.TEXT, PartyOrganizationView::townshipName),
            new Column<>("name", "field.name", 30, Type.TEXT, PartyOrganizationView::name),
            new Column<>("level", "field.level", 8, Type.TEXT, PartyOrganizationView::level),
            new Column<>("formation", "field.formation", 10, Type.TEXT, PartyOrganizationView::formation),
            new Column<>("foundedOn", "field.foundedOn", 12, Type.DATE, PartyOrganizationView::foundedOn),
            new Column<>("dissolvedOn", "field.dissolvedOn", 12, Type.DATE, PartyOrganizationView::dissolvedOn),
            new Column<>("secretary", "field.secretary", 8, Type.TEXT, PartyOrganizationView::secretary),
            new Column<>("covered", "registerBook.col.covered", 30, Type.TEXT, p -> String.join("、",
                    p.coveredOrganizations().stream().map(PartyOrganizationView.Covered::name).toList())),
            new Column<>("memberBase", "registerBook.col.memberBase", 8, Type.NUMBER, PartyOrganizationView::memberBase),
            new Column<>("nominal", "registerBook.col.nominal", 8, Type.TEXT, p -> p.nominal()
                    ? Msg.t("registerBook.nominal") : ""),
            new Column<>("id", "registerBook.col.id", 10, Type.NUMBER, PartyOrganizationView::id));

    private final Organizations organizations;
    private final PartyOrganizations parties;
    private final Scope scope;

    public RegisterBooks(Organizations organizations, PartyOrganizations parties, Scope scope) {
        this.organizations = organizations;
        this.parties = parties;
        this.scope = scope;
    }

    /** The organizations of the list's filters (township, sector, gap, q), all of them, as a workbook. */
    @GET
    @Path("/organizations.xlsx")
    @Produces(XLSX)
    public Response organizationsXlsx(@QueryParam("township") String township, @QueryParam("sector") String sector,
                                      @QueryParam("gap") String gap, @QueryParam("q") String q) {
        String code = scope.townshipParam(township);
        List<OrganizationView> rows = organizations(code, sector, gap, q);
        String title = Msg.t("registerBook.organizations.title", scopeName(code), LocalDate.now(cn.liangxin.time.Days.ZONE));
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("registerBook.organizations.sheet"), title, ORGANIZATIONS,
                rows, null), ascii("organizations", code, ".xlsx"), named("registerBook.organizations.file", code, ".xlsx"), XLSX);
    }

    @GET
    @Path("/organizations.csv")
    @Produces(CSV)
    public Response organizationsCsv(@QueryParam("township") String township, @QueryParam("sector") String sector,
                                     @QueryParam("gap") String gap, @QueryParam("q") String q) {
        String code = scope.townshipParam(township);
        List<OrganizationView> rows = organizations(code, sector, gap, q);
        return Downloads.attachment(out -> Exports.csv(out, ORGANIZATIONS, rows, null),
                ascii("organizations", code, ".csv"), named("registerBook.organizations.file", code, ".csv"), CSV);
    }

    /** The party organizations of a township (or all in scope), dissolved ones listed after, as a workbook. */
    @GET
    @Path("/party-organizations.xlsx")
    @Produces(XLSX)
    public Response partiesXlsx(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        List<PartyOrganizationView> rows = parties.list(code);
        String title = Msg.t("registerBook.parties.title", scopeName(code), LocalDate.now(cn.liangxin.time.Days.ZONE));
        return Downloads.attachment(out -> Exports.xlsx(out, Msg.t("registerBook.parties.sheet"), title, PARTY_ORGANIZATIONS,
                rows, null), ascii("party-organizations", code, ".xlsx"), named("registerBook.parties.file", code, ".xlsx"), XLSX);
    }

    @GET
    @Path("/party-organizations.csv")
    @Produces(CSV)
    public Response partiesCsv(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        List<PartyOrganizationView> rows = parties.list(code);
        return Downloads.attachment(out -> Exports.csv(out, PARTY_ORGANIZATIONS, rows, null),
                ascii("party-organizations", code, ".csv"), named("registerBook.parties.file", code, ".csv"), CSV);
    }

    /** Every organization of the filters, read a batch at a time. */
    private List<OrganizationView> organizations(String township, String sector, String gap, String q) {
        Organizations.Filter first = new Organizations.Filter(township, Params.enumeration("sector", sector, Sector.class),
                Params.enumeration("gap", gap, GapCode.class), Params.optional(q), 0, BATCH);
        List<OrganizationView> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Organizations.Page p = organizations.list(new Organizations.Filter(first.township(), first.sector(), first.gap(),
                    first.q(), page, BATCH));
            all.addAll(p.items());
            if (p.items().size() < BATCH || all.size() >= p.total()) {
                return all;
            }
        }
    }

    /** The township, or the caller's townships or counties by name. */
    private String scopeName(String township) {
        if (township != null) {
            return scope.townships().stream().filter(t -> t.code().equals(township)).map(cn.liangxin.division.Township::name)
                    .findFirst().orElse(township);
        }
        return String.join("、", scope.counties().stream().map(c -> scope.partName(c.code())).toList());
    }

    private String named(String key, String township, String extension) {
        return Downloads.named(scopeName(township), Msg.t(key), cn.liangxin.time.Days.today(), extension);
    }

    private static String ascii(String what, String township, String extension) {
        return Downloads.ascii(what, township, cn.liangxin.time.Days.today(), extension);
    }
}
