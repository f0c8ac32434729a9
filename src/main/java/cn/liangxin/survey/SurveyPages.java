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
        static native TemplateInstance upload(List<Township> townships, List<Campaign> campaigns, String error);

        static native TemplateInstance campaign(Campaign campaign, List<Campaigns.Progress> progress);

        static native TemplateInstance form(List<SurveyForm.Field> fields, Long organization, String organizationName,
                                            List<Campaign> campaigns, Long campaignId, String q,
                                            List<cn.liangxin.organization.OrganizationView> found, String error);

        static native TemplateInstance preview(ImportPreview preview, List<ImportPreview.Row> created,
                                               List<ImportPreview.Row> changed, List<ImportPreview.Row> rejected,
                                               List<ImportPreview.Row> warned, int shown);
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

    @GET
    public TemplateInstance upload() {
        return Templates.upload(scope.townships(), campaigns.list(), null);
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
                    .entity(Templates.upload(scope.townships(), campaigns.list(), e.getMessage()).render()).build();
        }
    }

    @GET
    @Path("imports/{id}")
    public TemplateInstance preview(@PathParam("id") long id) {
        ImportPreview p = imports.get(id, null, false, 0, 0);
        return Templates.preview(p, rows(id, RowStatus.NEW, false), rows(id, RowStatus.CHANGED, false),
                rows(id, RowStatus.REJECTED, false), rows(id, null, true), SHOWN);
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
                                 @QueryParam("q") String q) {
        Long id = organization == null || organization.isBlank() ? null
                : (long) Params.integer("organization", organization, 1, Integer.MAX_VALUE, 0);
        Long campaign = campaignId == null || campaignId.isBlank() ? null
                : (long) Params.integer("campaignId", campaignId, 1, Integer.MAX_VALUE, 0);
        String query = Params.optional("q", q);
        List<cn.liangxin.organization.OrganizationView> found = query == null ? List.of()
                : organizations.list(new Organizations.Filter(null, null, null, query, 0, 20)).items();
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
                campaign, query, found, null);
    }

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
                            campaign, null, List.of(), e.getMessage()).render()).build();
        }
    }

    /** A campaign's board: who has reported, who is late. */
    @GET
    @Path("campaigns/{id}")
    public TemplateInstance campaign(@PathParam("id") long id) {
        return Templates.campaign(campaigns.get(id), campaigns.progress(id));
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
