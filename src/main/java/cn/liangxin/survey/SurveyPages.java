package cn.liangxin.survey;

import cn.liangxin.division.Township;
import cn.liangxin.web.ApiException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.liangxin.organization.Organization;
import cn.liangxin.organization.Organizations;
import cn.liangxin.web.Params;
import jakarta.ws.rs.QueryParam;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.List;

/** The clerk's survey pages: download the form, upload it, see what changes, commit. */
@Path("/surveys")
@Produces(MediaType.TEXT_HTML)
public class SurveyPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(List<Township> townships, List<Campaign> campaigns, Campaign current,
                                              List<SurveyWriter.Pending> pending, java.time.LocalDate today, String error,
                                              String notice);

        static native TemplateInstance campaign(Campaign campaign, List<Campaigns.Progress> progress, boolean manages,
                                                List<Township> townships, Map<String, Object> values,
                                                List<String> checked, Map<String, String> errors, String done,
                                                java.time.LocalDate today);

        static native TemplateInstance campaigns(List<Campaign> campaigns, String county,
                                                 List<cn.liangxin.web.Option> counties, List<Township> townships,
                                                 Map<String, Object> values, List<String> checked,
                                                 Map<String, String> errors, java.time.LocalDate today);

        static native TemplateInstance form(List<SurveyForm.Field> fields, Long organization, String organizationName,
                                            List<Campaign> campaigns, Long campaignId, String q,
                                            List<cn.liangxin.organization.OrganizationView> found, long foundTotal,
                                            int nextPage, String error);

        static native TemplateInstance preview(ImportPreview preview, List<ImportPreview.Row> created,
                                               List<ImportPreview.Row> changed, List<ImportPreview.Row> rejected,
                                               List<ImportPreview.Row> warned, int shown, long registered,
                                               boolean largeFile, List<Township> townships);
    }

    /** How many rows each tab of the preview page shows. */
    static final int SHOWN = 500;

    private final SurveyImports imports;
    private final Campaigns campaigns;
    private final SurveyResource api;
    private final Organizations organizations;
    private final SurveyTemplates templates;
    @jakarta.inject.Inject
    ImportMetrics metrics;

    public SurveyPages(SurveyImports imports, Campaigns campaigns, SurveyResource api,
                       Organizations organizations, SurveyTemplates templates) {
        this.organizations = organizations;
        this.templates = templates;
        this.imports = imports;
        this.campaigns = campaigns;
        this.api = api;
    }

    /** The upload page; after a discarded preview it says that nothing was written. */
    @GET
    public TemplateInstance upload(@QueryParam("discarded") String discarded) {
        return upload(null, discarded == null ? null : cn.liangxin.web.Msg.t("survey.import.discarded"));
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("campaignId") String campaignId, @RestForm("progress") String progress) {
        try {
            Long campaign = campaignId == null || campaignId.isBlank() ? null : Long.valueOf(campaignId.strip());
            long id = ((ImportPreview) api.upload(file, campaign, "0", progress).getEntity()).id();
            return Response.seeOther(URI.create("/surveys/imports/" + id)).build();
        } catch (ApiException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(upload(e.getMessage(), null).render()).build();
        }
    }

    @GET
    @Path("imports/{id}")
    public TemplateInstance preview(@PathParam("id") long id) {
        ImportPreview p = imports.get(id, null, false, 0, 0);
        // what her townships hold, against which a file far larger is worth a second look
        long registered = organizations.list(new Organizations.Filter(null, null, null, null, 0, 1)).total();
        List<Township> townships = scope.townships().size() <= 3 ? scope.townships() : List.of();
        return Templates.preview(p, rows(id, RowStatus.NEW, false), rows(id, RowStatus.CHANGED, false),
                rows(id, RowStatus.REJECTED, false), rows(id, null, true), SHOWN, registered,
                p.summary().created() > LARGE_FILE_ROWS && p.summary().created() > registered, townships);
    }

    @POST
    @Path("imports/{id}/commit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response commit(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        imports.commit(id);
        return Response.seeOther(URI.create("/surveys/imports/" + id)).build();
    }

    /** Discards a preview and goes back to the upload page. */
    @POST
    @Path("imports/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discard(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        // asked only of who may discard it: another's preview is a 404 first
        ImportPreview preview = imports.get(id, null, false, 0, 0);
        cn.liangxin.web.Confirm.ask(form, cn.liangxin.web.Msg.t("confirm.discardImport", preview.fileName(),
                preview.summary().rows()));
        imports.discard(id);
        return Response.seeOther(URI.create("/surveys?discarded=1")).build();
    }

    /**
     * The survey form for one organization, for a phone: empty for a new one, filled from the
     * registry for {@code organization}; {@code q} finds an organization by name or code.
     */
    @GET
    @Path("form")
    public TemplateInstance form(@QueryParam("organization") String organization, @QueryParam("campaignId") String campaignId,
                                 @QueryParam("q") String q, @QueryParam("page") String pageText) {
        Long id = organization == null || organization.isBlank() ? null
                : (long) Params.integer("organization", organization, 1, Integer.MAX_VALUE, 0);
        // the campaign under way unless she names another
        Long campaign = campaignId == null || campaignId.isBlank() ? campaigns.open().stream().findFirst().map(Campaign::id).orElse(null)
                : Long.valueOf(Params.integer("campaignId", campaignId, 1, Integer.MAX_VALUE, 0));
        String query = Params.optional("q", q);
        int page = Params.integer("page", pageText, 0, 10_000, 0);
        Organizations.Page matches = query == null ? null
                : organizations.list(new Organizations.Filter(null, null, null, query, page, FOUND_PAGE));
        List<cn.liangxin.organization.OrganizationView> found = matches == null ? List.of() : matches.items();
        long foundTotal = matches == null ? 0 : matches.total();
        int nextPage = (long) (page + 1) * FOUND_PAGE < foundTotal ? page + 1 : 0;
        Map<String, String> values = new HashMap<>();
        String name = null;
        if (id != null) {
            Organization o = organizations.find(id);
            List<String> cells = templates.row(o, organizations.coverage(List.of(o)).get(o.id));
            for (SurveyColumn c : SurveyColumn.values()) {
                values.put(c.key(), cells.get(c.ordinal()));
            }
            values.put(SurveyColumn.TOWNSHIP.key(), o.townshipCode);
            name = o.name;
        } else {
            values.put(SurveyColumn.TOWNSHIP.key(), scope.firstTownship().code());
            values.put(SurveyColumn.STATUS.key(), SurveyForm.choice(SurveyColumn.STATUS, cn.liangxin.organization.Status.OPERATING));
            values.put(SurveyColumn.PARTY_STATUS.key(), SurveyForm.choice(SurveyColumn.PARTY_STATUS, PartyStatus.NONE));
        }
        return Templates.form(SurveyForm.fields(values::get, Map.of(), scope.townships()), id, name, campaigns.list(),
                campaign, query, found, foundTotal, nextPage, null);
    }

    /**
     * The phone form as an app a phone can install: its name, the form as the start page, the
     * icons. The form's service worker keeps it for use without a connection.
     */
    @GET
    @Path("manifest.webmanifest")
    @Produces("application/manifest+json")
    public Response manifest() throws com.fasterxml.jackson.core.JsonProcessingException {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", cn.liangxin.web.Msg.t("survey.app.name"));
        m.put("short_name", cn.liangxin.web.Msg.t("survey.app.shortName"));
        m.put("description", cn.liangxin.web.Msg.t("survey.form.intro"));
        m.put("lang", "zh-CN");
        m.put("start_url", "/surveys/form");
        m.put("scope", "/surveys/");
        m.put("display", "standalone");
        m.put("background_color", "#fafafa");
        m.put("theme_color", "#b71c1c");
        m.put("icons", List.of(Map.of("src", "/icons/app-192.png", "sizes", "192x192", "type", "image/png"),
                Map.of("src", "/icons/app-512.png", "sizes", "512x512", "type", "image/png")));
        return Response.ok(JSON.writeValueAsString(m), "application/manifest+json").build();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Checks what the form sent like a one-row file; a good row goes to its preview, a bad one back to the form. */
    @POST
    @Path("form")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendForm(MultivaluedMap<String, String> form) {
        Function<String, String> values = key -> key.equals(SurveyColumn.MASS_ORGANIZATIONS.key())
                ? form.get(key) == null ? "" : String.join("、", form.get(key)) : form.getFirst(key);
        String organization = form.getFirst("organization");
        Long id = organization == null || organization.isBlank() ? null
                : (long) Params.integer("organization", organization, 1, Integer.MAX_VALUE, 0);
        String campaignText = form.getFirst("campaignId");
        Long campaign = campaignText == null || campaignText.isBlank() ? null
                : (long) Params.integer("campaignId", campaignText, 1, Integer.MAX_VALUE, 0);
        String name = id == null ? null : organizations.find(id).name;
        if (campaign != null) {
            campaigns.get(campaign);
        }
        try {
            Long c = campaign;
            ImportPreview p = metrics.preview(() -> imports.previewForm(SurveyForm.rows(values, id), c));
            return Response.seeOther(URI.create("/surveys/imports/" + p.id())).build();
        } catch (ApiException e) {
            Map<String, String> errors = new HashMap<>();
            e.errors().forEach(f -> errors.merge(f.field(), f.message(), (a, b) -> a + ";" + b));
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.form(SurveyForm.fields(values, errors, scope.townships()), id, name, campaigns.list(),
                            campaign, null, List.of(), 0, 0, e.getMessage()).render()).build();
        }
    }

    /** The upload page: the open campaigns (the one due first chosen), the caller's pending previews. */
    private TemplateInstance upload(String error, String notice) {
        List<Campaign> open = campaigns.open();
        return Templates.upload(scope.townships(), campaigns.list(), open.isEmpty() ? null : open.get(0),
                imports.pending(), cn.liangxin.time.Days.today(), error, notice);
    }

    /**
     * New rows above which a file is worth a second look when they outnumber the registry of the
     * uploader's townships (a pasted-twice or wrong file).
     */
    static final int LARGE_FILE_ROWS = 50;

    /** Matches of the phone form's search shown at a time (更多 shows the next ones). */
    static final int FOUND_PAGE = 20;

    /** The form fields of a campaign that repeat: its townships' checkboxes. */
    private static final java.util.Set<String> CAMPAIGN_LISTS = java.util.Set.of("townships");
    /** What a campaign page says after an action, by the {@code done} parameter of its address. */
    private static final java.util.Set<String> DONE = java.util.Set.of("started", "changed", "closed");

    @jakarta.inject.Inject
    cn.liangxin.web.FormBinder binder;

    /** The county's campaigns, and for its 党工委 the form that starts one. */
    @GET
    @Path("campaigns")
    public TemplateInstance campaignList() {
        Map<String, Object> values = new HashMap<>();
        values.put("startsOn", cn.liangxin.time.Days.today().toString());
        String county = managedCounty();
        values.put("townships", countyTownships(county).stream().map(Township::code).toList());
        return campaignList(values, Map.of());
    }

    /** Starts a campaign from the form (the county's 党工委); a refusal shows the form again, each problem on its field. */
    @POST
    @Path("campaigns")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response startCampaign(MultivaluedMap<String, String> form) {
        if (!scope.managesAnyCounty()) {
            throw cn.liangxin.security.Scope.forbidden();
        }
        return cn.liangxin.web.FormBinder.submit(binder.bind(form, CampaignInput.class, CAMPAIGN_LISTS, java.util.Set.of()),
                in -> "/surveys/campaigns/" + campaigns.create(in).id() + "?done=started",
                errors -> campaignList(cn.liangxin.web.FormBinder.values(form), errors));
    }

    /** A campaign's board: who has reported, who is late; for its county's 党工委, its terms to change and closing. */
    @GET
    @Path("campaigns/{id}")
    public TemplateInstance campaign(@PathParam("id") long id, @QueryParam("done") String done) {
        Campaign campaign = campaigns.get(id);
        Map<String, Object> values = new HashMap<>();
        values.put("name", campaign.name());
        values.put("startsOn", campaign.startsOn().toString());
        values.put("deadline", campaign.deadline().toString());
        values.put("townships", campaign.townships());
        String said = done != null && DONE.contains(done) ? cn.liangxin.web.Msg.t("campaign.done." + done, campaign.name()) : null;
        return board(campaign, values, Map.of(), said);
    }

    /** New terms for a campaign from the board's form (its county's 党工委). */
    @POST
    @Path("campaigns/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changeCampaign(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Campaign campaign = campaigns.get(id);
        scope.manageCounty(campaign.countyCode());
        return cn.liangxin.web.FormBinder.submit(binder.bind(form, CampaignInput.class, CAMPAIGN_LISTS, java.util.Set.of()),
                in -> "/surveys/campaigns/" + campaigns.change(id, in).id() + "?done=changed",
                errors -> board(campaign, cn.liangxin.web.FormBinder.values(form), errors, null));
    }

    /** Closes a campaign (its county's 党工委), once confirmed. */
    @POST
    @Path("campaigns/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response closeCampaign(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        // asked only of who may close it, and only while it is open
        Campaign campaign = campaigns.get(id);
        scope.manageCounty(campaign.countyCode());
        if (campaign.isClosed()) {
            throw ApiException.conflict("CAMPAIGN_CLOSED", cn.liangxin.web.Msg.t("campaign.closed", campaign.name()));
        }
        cn.liangxin.web.Confirm.ask(form, cn.liangxin.web.Msg.t("confirm.closeCampaign", campaign.name()));
        campaigns.close(id);
        return Response.seeOther(URI.create("/surveys/campaigns/" + id + "?done=closed")).build();
    }

    private TemplateInstance board(Campaign campaign, Map<String, Object> values, Map<String, String> errors, String done) {
        boolean manages = campaigns.manages(campaign) && !campaign.isClosed();
        return Templates.campaign(campaign, campaigns.progress(campaign.id()), manages,
                manages ? countyTownships(campaign.countyCode()) : List.of(), values,
                cn.liangxin.web.FormBinder.list(values.get("townships")), errors, done, cn.liangxin.time.Days.today());
    }

    private TemplateInstance campaignList(Map<String, Object> values, Map<String, String> errors) {
        String county = managedCounty();
        List<cn.liangxin.web.Option> counties = scope.counties().stream().filter(c -> scope.managesCounty(c.code()))
                .map(c -> new cn.liangxin.web.Option(c.code(), c.name())).toList();
        return Templates.campaigns(campaigns.list(), county, counties.size() > 1 ? counties : List.of(),
                countyTownships(county), values, cn.liangxin.web.FormBinder.list(values.get("townships")), errors,
                cn.liangxin.time.Days.today());
    }

    /** The county whose campaigns the caller may start here: the one asked for, else her first; null for none. */
    private String managedCounty() {
        String asked = scope.requestedCounty();
        if (asked != null && scope.managesCounty(asked.strip())) {
            return asked.strip();
        }
        return scope.counties().stream().map(cn.liangxin.division.County::code).filter(scope::managesCounty)
                .findFirst().orElse(null);
    }

    private List<Township> countyTownships(String county) {
        return county == null ? List.of() : scope.townships().stream().filter(t -> t.countyCode().equals(county)).toList();
    }

    /** A township marks its survey complete. */
    @POST
    @Path("campaigns/{id}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        String township = scope.townshipParam(form.getFirst("township"));
        if (township == null) {
            throw ApiException.invalid("township", cn.liangxin.web.Msg.t("campaign.townshipRequired"));
        }
        scope.changeRegistry(township);
        Campaign campaign = campaigns.get(id);
        cn.liangxin.web.Confirm.ask(form, cn.liangxin.web.Msg.t("confirm.submitCampaign",
                scope.find(township).map(cn.liangxin.division.Township::name).orElse(township), campaign.name()));
        campaigns.submit(id, township);
        return Response.seeOther(URI.create("/surveys/campaigns/" + id)).build();
    }

    /** The first rows of a tab; a file of thousands of rows is read in full through the API. */
    private List<ImportPreview.Row> rows(long id, RowStatus status, boolean warned) {
        return imports.get(id, status, warned, 0, SHOWN).rows();
    }
}
