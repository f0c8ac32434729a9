package cn.liangxin.survey;

import cn.liangxin.division.Township;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Csrf;
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

import java.net.URI;
import java.util.List;

/** The clerk's survey pages: download the form, upload it, see what changes, commit. */
@Path("/surveys")
@Produces(MediaType.TEXT_HTML)
public class SurveyPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(List<Township> townships, List<Campaign> campaigns, String error);

        static native TemplateInstance campaign(Campaign campaign, List<Campaigns.Progress> progress);

        static native TemplateInstance preview(ImportPreview preview, List<ImportPreview.Row> created,
                                               List<ImportPreview.Row> changed, List<ImportPreview.Row> rejected,
                                               List<ImportPreview.Row> warned, int shown);
    }

    /** How many rows each tab of the preview page shows. */
    static final int SHOWN = 500;

    private final SurveyImports imports;
    private final Campaigns campaigns;
    private final SurveyResource api;
    private final Caller caller;
    private final Csrf csrf;

    public SurveyPages(SurveyImports imports, Campaigns campaigns, SurveyResource api, Caller caller, Csrf csrf) {
        this.imports = imports;
        this.campaigns = campaigns;
        this.api = api;
        this.caller = caller;
        this.csrf = csrf;
    }

    @GET
    public TemplateInstance upload() {
        return Templates.upload(caller.townships(), campaigns.list(), null);
    }

    @POST
    @Path("imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("campaignId") String campaignId,
                           @RestForm(Csrf.FIELD) String token) {
        csrf.check(token);
        try {
            Long campaign = campaignId == null || campaignId.isBlank() ? null : Long.valueOf(campaignId.strip());
            long id = ((ImportPreview) api.upload(file, campaign, "0").getEntity()).id();
            return Response.seeOther(URI.create("/surveys/imports/" + id)).build();
        } catch (ApiException e) {
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.upload(caller.townships(), campaigns.list(), e.getMessage()).render()).build();
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
        csrf.check(form);
        imports.commit(id);
        return Response.seeOther(URI.create("/surveys/imports/" + id)).build();
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
        csrf.check(form);
        String township = caller.townshipParam(form.getFirst("township"));
        if (township == null) {
            throw ApiException.invalid("township", cn.liangxin.web.Msg.t("campaign.townshipRequired"));
        }
        campaigns.submit(id, township);
        return Response.seeOther(URI.create("/surveys/campaigns/" + id)).build();
    }

    /** The first rows of a tab; a file of thousands of rows is read in full through the API. */
    private List<ImportPreview.Row> rows(long id, RowStatus status, boolean warned) {
        return imports.get(id, status, warned, 0, SHOWN).rows();
    }
}
