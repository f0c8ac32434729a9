package cn.liangxin.register;

import cn.liangxin.organization.OrganizationView;
import cn.liangxin.security.Scope;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.time.LocalDate;
import java.util.List;

/**
 * The registers of record (一个不能少): a county's market-regulation and civil-affairs registers
 * held against its registry, line by line, and the worklists that lead to action.
 */
@Path("/api/registers")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    private final Registers registers;
    private final Scope scope;

    public RegisterResource(Registers registers, Scope scope) {
        this.registers = registers;
        this.scope = scope;
    }

    /**
     * Reads a register ({@code source} MARKET or CIVIL; {@code asOf} the day it was exported, today
     * when absent) of the county the caller manages ({@code countyCode} when she holds several) and
     * answers how its lines fall. The registry is not changed.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(responseCode = "201", description = "Read and kept: the summary of its lines",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Registers.Import.class)))
    public Response upload(@RestForm("file") FileUpload file, @RestForm("source") String source,
                           @RestForm("asOf") String asOf) {
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.invalid("file", Msg.t("survey.file.missing"));
        }
        LocalDate day = Params.date("asOf", asOf, cn.liangxin.time.Days.today(), Registers.EARLIEST_AS_OF,
                Registers.LATEST_AS_OF);
        Registers.Import imp = registers.importFile(file.uploadedFile(), file.fileName() == null ? "" : file.fileName(),
                source == null ? null : source.strip().toUpperCase(java.util.Locale.ROOT),
                day, scope.requestedCounty());
        return Response.status(201).entity(imp).build();
    }

    /** The registers read for the caller's counties, newest first. */
    @GET
    public List<Registers.Import> list() {
        return registers.list();
    }

    @GET
    @Path("/{id}")
    public Registers.Import get(@PathParam("id") long id) {
        return registers.get(id);
    }

    /**
     * The lines of a register of one category and township, a page at a time (limit up to 1,000);
     * {@code open=true}: only those nobody dealt with yet.
     */
    @GET
    @Path("/{id}/worklist")
    public Registers.Worklist worklist(@PathParam("id") long id, @QueryParam("category") String category,
                                       @QueryParam("township") String township, @QueryParam("open") String open,
                                       @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return registers.worklist(id, Params.enumeration("category", category, RegisterCategory.class),
                scope.townshipParam(township), Params.bool("open", open), Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0),
                Params.integer("limit", limit, 1, 1000, 100));
    }

    /** Registers an unsurveyed line's organization (待摸底), recorded with via REGISTER. */
    @POST
    @Path("/{id}/worklist/{item}/register")
    @APIResponse(responseCode = "201", description = "Registered, to be surveyed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "409", description = "NOT_UNSURVEYED: the line is not an unsurveyed one, or was registered already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response register(@PathParam("id") long id, @PathParam("item") long item) {
        return Response.status(201).entity(registers.register(id, item)).build();
    }

    /**
     * Registers every unsurveyed line of a township ({@code township}, required) not dealt with yet,
     * all or none; its survey template then lists them.
     */
    @POST
    @Path("/{id}/worklist/register")
    public Registers.Registered registerAll(@PathParam("id") long id, @QueryParam("township") String township) {
        return registers.registerAll(id, township == null || township.isBlank() ? null : scope.townshipParam(township));
    }

    /** Closes the organization of a close candidate, recorded with via REGISTER. */
    @POST
    @Path("/{id}/worklist/{item}/close")
    @APIResponse(responseCode = "200", description = "Closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "409", description = "NOT_CLOSE_CANDIDATE: the line is not a close candidate, or was closed already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public OrganizationView close(@PathParam("id") long id, @PathParam("item") long item) {
        return registers.close(id, item);
    }

    /** Closes the organizations of every close candidate of a township ({@code township}, required), all or none. */
    @POST
    @Path("/{id}/worklist/close")
    public Registers.Closed closeAll(@PathParam("id") long id, @QueryParam("township") String township) {
        return registers.closeAll(id, township == null || township.isBlank() ? null : scope.townshipParam(township));
    }

    /** The campaign to list lines in: {@code campaignId}. */
    public record CampaignInput(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long campaignId) {
    }

    /**
     * Lists the unsurveyed lines of a township ({@code township}, required) in an open 摸底 campaign
     * that includes it: the township's survey templates then list them, pre-filled from the register.
     */
    @POST
    @Path("/{id}/worklist/campaign")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registers.Listed listInCampaign(@PathParam("id") long id, @QueryParam("township") String township,
                                           @jakarta.validation.Valid @jakarta.validation.constraints.NotNull CampaignInput input) {
        return registers.listInCampaign(id, scope.townshipParam(township), input.campaignId());
    }

    /** A township for an unassigned line, given by a person: {@code townshipCode}. */
    public record AssignInput(@jakarta.validation.constraints.NotBlank
                              @jakarta.validation.constraints.Pattern(regexp = "\\d{9}") String townshipCode) {
    }

    /** Gives an unassigned line its township (the county's 党工委) and matches it again by name there. */
    @POST
    @Path("/{id}/worklist/{item}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Placed: the line with its township and new category",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Registers.Item.class)))
    @APIResponse(responseCode = "409", description = "NOT_UNASSIGNED: the line has a township already, or was dealt with",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Registers.Item assign(@PathParam("id") long id, @PathParam("item") long item,
                                 @jakarta.validation.Valid @jakarta.validation.constraints.NotNull AssignInput input) {
        return registers.assign(id, item, input.townshipCode());
    }

    /** The registry organization a person says a line is: {@code organizationId}. */
    public record MatchInput(@jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long organizationId) {
    }

    /**
     * Confirms that an unsurveyed or unassigned line is a registry organization written differently
     * (its proposal, or another): the line becomes matched; the registry is not changed.
     */
    @POST
    @Path("/{id}/worklist/{item}/match")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Matched: the line with the organization and what differs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Registers.Item.class)))
    @APIResponse(responseCode = "409", description = "NOT_UNMATCHED: the line is matched already, or was dealt with",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Registers.Item match(@PathParam("id") long id, @PathParam("item") long item,
                                @jakarta.validation.Valid @jakarta.validation.constraints.NotNull MatchInput input) {
        return registers.confirmMatch(id, item, input.organizationId());
    }

    /** The keyword rules of the caller's counties. */
    @GET
    @Path("/rules")
    public List<Registers.Rule> rules() {
        return registers.rules();
    }

    /** A keyword rule: an address containing {@code keyword} and naming no township is of {@code townshipCode}. */
    public record RuleInput(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(min = 2, max = 100) String keyword,
                            @jakarta.validation.constraints.NotBlank
                            @jakarta.validation.constraints.Pattern(regexp = "\\d{9}") String townshipCode) {
    }

    /**
     * Adds a keyword rule to the county the caller manages ({@code countyCode} when she holds
     * several); it places the unassigned lines of the county's registers at once, and those of the
     * next snapshots.
     */
    @POST
    @Path("/rules")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Added and applied",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Registers.Rule.class)))
    @APIResponse(responseCode = "409", description = "RULE_EXISTS: the county has a rule of this keyword",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response addRule(@jakarta.validation.Valid @jakarta.validation.constraints.NotNull RuleInput input) {
        return Response.status(201).entity(registers.addRule(input.keyword(), input.townshipCode(), scope.requestedCounty()))
                .build();
    }

    /** Removes a keyword rule; the lines it placed keep their township. */
    @jakarta.ws.rs.DELETE
    @Path("/rules/{id}")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response deleteRule(@PathParam("id") long id) {
        registers.deleteRule(id);
        return Response.noContent().build();
    }
}
