package cn.liangxin.survey;

import cn.liangxin.spreadsheet.*;
import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.ErrorBody;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.List;

/** Survey uploads over HTTP: upload for a preview, then commit; and the templates. */
@Path("/api/surveys")
@Produces(MediaType.APPLICATION_JSON)
public class SurveyResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** How many rows an answer carries unless asked otherwise. */
    static final int DEFAULT_PAGE = 1000;

    private final SurveyImports imports;
    @jakarta.inject.Inject
    ReadProgress readProgress;
    private final Campaigns campaigns;
    private final SurveyTemplates templates;
    private final Caller caller;
    private final SurveyFiles.Limits limits;
    @jakarta.inject.Inject ImportMetrics importMetrics;

    public SurveyResource(SurveyImports imports, Campaigns campaigns, SurveyTemplates templates, Caller caller,
                          @ConfigProperty(name = "liangxin.survey.max-bytes", defaultValue = "20971520") long maxBytes,
                          @ConfigProperty(name = "liangxin.survey.max-rows", defaultValue = "100000") int maxRows) {
        this.imports = imports;
        this.campaigns = campaigns;
        this.templates = templates;
        this.caller = caller;
        this.limits = new SurveyFiles.Limits(maxBytes, maxRows, SurveyFiles.Limits.DEFAULTS.maxColumns(),
                SurveyFiles.Limits.DEFAULTS.maxUncompressedBytes());
    }

    /**
     * Reads a filled survey form (.xlsx, .xls or .csv in UTF-8 or GB18030, as multipart field
     * {@code file}) and answers what it would change, row by row: the summary and the first
     * {@code limit} rows (default 1000; the others through {@code GET /imports/{id}}). Nothing is
     * written to the registry.
     */
    @POST
    @Path("/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(responseCode = "201", description = "Read: what the file would change, nothing written yet",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportPreview.class)))
    @APIResponse(responseCode = "404", description = "campaignId names no campaign the caller sees",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response upload(@RestForm("file") FileUpload file, @RestForm("campaignId") Long campaignId,
                           @QueryParam("limit") String limit, @RestForm("progress") String progress) {
        int rows = Params.integer("limit", limit, 0, SurveyImports.MAX_PAGE, DEFAULT_PAGE);
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalid("file", Msg.t("survey.file.missing"));
        }
        if (campaignId != null) {
            campaigns.get(campaignId);
        }
        ImportPreview preview = importMetrics.preview(() -> imports.preview(file.uploadedFile(),
                file.fileName() == null ? "" : file.fileName(), campaignId, limits, rows,
                ReadProgress.valid(progress) ? progress : null));
        return Response.status(201).entity(preview).build();
    }

    /**
     * Entries of the phone form's outbox, sent back online: the new ones become one pending preview
     * (rows with errors kept rejected, as in an upload) that the clerk commits; an entry whose
     * {@code clientId} was sent before answers its first result and is not read again.
     */
    @POST
    @Path("/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Kept: the new preview, and the preview and row of each entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntriesResult.class)))
    @APIResponse(responseCode = "200", description = "All were sent before: the first result of each",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntriesResult.class)))
    @APIResponse(responseCode = "404", description = "campaignId names no campaign the caller sees",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response entries(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull EntriesInput input) {
        if (input.campaignId() != null) {
            campaigns.get(input.campaignId());
        }
        List<SurveyForm.Entry> entries = input.entries().stream().map(e -> new SurveyForm.Entry(e.clientId(),
                key -> e.values().get(key), e.registryId(), e.registryVersion())).toList();
        List<SurveyImports.EntryResult> results = imports.previewEntries("OFFLINE", entries, input.campaignId());
        Long created = results.stream().filter(r -> !r.repeated()).map(SurveyImports.EntryResult::importId).findFirst()
                .orElse(null);
        return Response.status(created == null ? 200 : 201).entity(new EntriesResult(created, results)).build();
    }

    /**
     * What the phone form needs offline, for the caller's townships: the townships, the choices of
     * the form's lists by column key, and the registry organizations with their version and the
     * answers the form is pre-filled with. The phone keeps it and asks again whenever it is online.
     */
    @GET
    @Path("/offline-data")
    public OfflineData.Copy offlineData() {
        return offlineData.copy();
    }

    @jakarta.inject.Inject
    OfflineData offlineData;

    /** What became of the entries sent: the new preview (null when all were repeats), and each entry's row. */
    public record EntriesResult(Long importId, List<SurveyImports.EntryResult> entries) {
    }

    /**
     * The previews waiting for a commit (newest first, within their 7 days): a clerk's own uploads
     * and phone-form entries, all of the county's for its 党工委; {@code source} = FILE, FORM, OFFLINE
     * or ODK keeps those of one source.
     */
    @GET
    @Path("/imports")
    public List<SurveyWriter.Pending> pending(@QueryParam("source") String source) {
        return imports.pending(source == null || source.isBlank() ? null
                : cn.liangxin.web.Params.enumeration("source", source, SurveyImports.Source.class));
    }

    /**
     * How many rows of an upload have been read so far: the uploading page names its upload by the
     * {@code progress} token it sent with the file (8–64 letters, digits, - or _).
     */
    @GET
    @Path("/imports/progress")
    public ReadProgress.State progress(@QueryParam("token") String token) {
        return readProgress.get(token, caller.username());
    }

    /**
     * A preview (or a committed import) with a page of its rows in file order: {@code status}
     * NEW, CHANGED, UNCHANGED or REJECTED (all when absent), {@code warnings=true} for rows with
     * warnings only, {@code offset} and {@code limit} (default 1000, at most 10,000).
     */
    @GET
    @Path("/imports/{id}")
    public ImportPreview get(@PathParam("id") long id, @QueryParam("status") String status,
                             @QueryParam("warnings") String warnings, @QueryParam("offset") String offset,
                             @QueryParam("limit") String limit) {
        return imports.get(id, Params.enumeration("status", status, RowStatus.class), Params.bool("warnings", warnings),
                Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0),
                Params.integer("limit", limit, 0, SurveyImports.MAX_PAGE, DEFAULT_PAGE));
    }

    /** Applies every accepted row of a preview, all or nothing; a second commit is refused. */
    @POST
    @Path("/imports/{id}/commit")
    @APIResponse(responseCode = "200", description = "Committed: what was added and changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportPreview.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_COMMITTED: committed before;"
            + " STALE_PREVIEW: the registry changed since the preview",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "PREVIEW_EXPIRED: the preview is too old to commit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public ImportPreview commit(@PathParam("id") long id) {
        return imports.commit(id);
    }

    /** Discards a preview that was not committed; the registry is left as it was. */
    @jakarta.ws.rs.DELETE
    @Path("/imports/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "ALREADY_COMMITTED: a committed import cannot be discarded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public jakarta.ws.rs.core.Response discard(@PathParam("id") long id) {
        imports.discard(id);
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    /** Starts a 摸底 campaign: a name, a deadline and the townships that must report (county staff). */
    @POST
    @Path("/campaigns")
    @Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "201", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Campaign.class)))
    public Response createCampaign(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull CampaignInput input) {
        Campaign c = campaigns.create(input);
        return Response.status(201).entity(c).build();
    }

    /**
     * New terms for a campaign not yet closed (its county's 党工委): as when started, with
     * {@code startsOn} left as it was when absent.
     */
    @jakarta.ws.rs.PUT
    @Path("/campaigns/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @jakarta.annotation.security.RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "200", description = "Changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "409", description = "CAMPAIGN_CLOSED: a closed campaign takes no changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Campaign changeCampaign(@PathParam("id") long id,
                                   @jakarta.validation.Valid @jakarta.validation.constraints.NotNull CampaignInput input) {
        return campaigns.change(id, input);
    }

    /** Closes a campaign (its county's 党工委): what is committed after it no longer counts toward it. */
    @POST
    @Path("/campaigns/{id}/close")
    @jakarta.annotation.security.RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "200", description = "Closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Campaign.class)))
    @APIResponse(responseCode = "409", description = "CAMPAIGN_CLOSED: closed already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Campaign closeCampaign(@PathParam("id") long id) {
        return campaigns.close(id);
    }

    @GET
    @Path("/campaigns")
    public List<Campaign> campaigns() {
        return campaigns.list();
    }

    @GET
    @Path("/campaigns/{id}")
    public Campaign campaign(@PathParam("id") long id) {
        return campaigns.get(id);
    }

    /** Per township: organizations in the registry and surveyed, reporting rate, last commit, status. */
    @GET
    @Path("/campaigns/{id}/progress")
    public List<Campaigns.Progress> progress(@PathParam("id") long id) {
        return campaigns.progress(id);
    }

    /** A township says its survey is complete (its clerk, or county staff). */
    @POST
    @Path("/campaigns/{id}/submissions")
    public List<Campaigns.Progress> submit(@PathParam("id") long id, @QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        if (code == null) {
            throw ApiException.invalid("township", Msg.t("campaign.townshipRequired"));
        }
        campaigns.submit(id, code);
        return campaigns.progress(id);
    }

    /** One problem of a rejected row, a line of the workbook the clerk corrects her file from. */
    record Problem(String sheet, int row, String name, String column, String value, String message) {
    }

    private static final java.util.List<cn.liangxin.export.Column<Problem>> PROBLEM_COLUMNS = java.util.List.of(
            new cn.liangxin.export.Column<>("sheet", "survey.rejected.col.sheet", 12, cn.liangxin.export.Column.Type.TEXT, Problem::sheet),
            new cn.liangxin.export.Column<>("row", "survey.rejected.col.row", 6, cn.liangxin.export.Column.Type.NUMBER, Problem::row),
            new cn.liangxin.export.Column<>("name", "survey.rejected.col.name", 28, cn.liangxin.export.Column.Type.TEXT, Problem::name),
            new cn.liangxin.export.Column<>("column", "survey.rejected.col.column", 14, cn.liangxin.export.Column.Type.TEXT, Problem::column),
            new cn.liangxin.export.Column<>("value", "survey.rejected.col.value", 18, cn.liangxin.export.Column.Type.TEXT, Problem::value),
            new cn.liangxin.export.Column<>("message", "survey.rejected.col.message", 50, cn.liangxin.export.Column.Type.TEXT, Problem::message));

    /**
     * The rejected rows of an upload as a workbook: one line per problem, with the sheet and row of
     * the file, the column, what was written there and what is wrong, so that the file can be
     * corrected and uploaded again.
     */
    @GET
    @Path("/imports/{id}/rejected.xlsx")
    @Produces(SurveyTemplates.XLSX)
    public Response rejectedXlsx(@PathParam("id") long id) {
        ImportPreview p = imports.get(id, RowStatus.REJECTED, false, 0, SurveyImports.MAX_PAGE);
        java.util.List<Problem> problems = new java.util.ArrayList<>();
        for (ImportPreview.Row row : p.rows()) {
            for (CellProblem e : row.errors()) {
                problems.add(new Problem(row.sheet(), row.row(), row.name(), e.column(), e.value(), e.message()));
            }
        }
        String base = p.fileName().replaceFirst("\\.[^.]*$", "");
        String title = Msg.t("survey.rejected.title", p.fileName(), p.summary().rejected());
        return cn.liangxin.web.Downloads.attachment(out -> cn.liangxin.export.Exports.xlsx(out,
                        Msg.t("survey.rejected.sheet"), title, PROBLEM_COLUMNS, problems, null),
                "import-" + id + "-rejected.xlsx", base + "-" + Msg.t("survey.rejected.file") + ".xlsx", SurveyTemplates.XLSX);
    }

    /** The survey form pre-filled with a township's registry rows (a hidden column keeps their ids). */
    @GET
    @Path("/template.xlsx")
    @Produces(SurveyTemplates.XLSX)
    public Response templateXlsx(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        return templates.xlsx(code, scope.name(code));
    }

    @GET
    @Path("/template.csv")
    @Produces("text/csv; charset=UTF-8")
    public Response templateCsv(@QueryParam("township") String township) {
        String code = scope.townshipParam(township);
        return templates.csv(code, scope.name(code));
    }
}
