package cn.liangxin.organization;

import cn.liangxin.history.History;
import cn.liangxin.rules.GapCode;
import cn.liangxin.web.ErrorBody;
import cn.liangxin.web.Params;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The 两新 registry over JSON. */
@Path("/api/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private final Organizations organizations;
    private final History history;

    public OrganizationResource(Organizations organizations, History history) {
        this.organizations = organizations;
        this.history = history;
    }

    /** Registers an organization; answers 201 with its classification and warnings. */
    @POST
    @APIResponse(responseCode = "201", description = "Registered; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "409", description = "DUPLICATE_USCC: another organization has this credit code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull OrganizationInput input, UriInfo uri) {
        OrganizationView view = organizations.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .entity(view).build();
    }

    @GET
    @Path("/{id}")
    public OrganizationView get(@PathParam("id") long id) {
        return organizations.get(id);
    }

    /**
     * Every recorded change of the organization, newest first: when, who, from where (API, FORM,
     * IMPORT n ROW r) and each changed field's old and new value. Also for a deleted organization.
     */
    @GET
    @Path("/{id}/history")
    public java.util.List<History.Entry> history(@PathParam("id") long id) {
        return history.organization(id, OrganizationInput.FIELDS);
    }

    /**
     * Corrects an organization. {@code version} is the version read: if someone saved in between, 409
     * names who and when, and nothing is overwritten.
     */
    @PUT
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "Corrected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "409", description = "VERSION_CONFLICT: saved by someone else since it was read"
            + " (who and when); DUPLICATE_USCC: another organization has this credit code",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public OrganizationView update(@PathParam("id") long id, @Valid @NotNull OrganizationInput input) {
        return organizations.update(id, input);
    }

    /** Removes an organization registered by mistake (refused while a party organization covers it). */
    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "COVERED: a party organization covers it; COVERED_BEFORE: a dissolved one covered it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response delete(@PathParam("id") long id) {
        organizations.delete(id);
        return Response.noContent().build();
    }

    /**
     * Organizations by township, sector, gap code and a search over name and USCC, a page at a
     * time (page from 0, size up to 500).
     */
    @GET
    public Organizations.Page list(@QueryParam("township") String township, @QueryParam("sector") String sector,
                                   @QueryParam("gap") String gap, @QueryParam("q") String q,
                                   @QueryParam("page") String page, @QueryParam("size") String size) {
        return organizations.list(new Organizations.Filter(scope.townshipParam(township),
                Params.enumeration("sector", sector, Sector.class), Params.enumeration("gap", gap, GapCode.class),
                Params.optional(q), Params.integer("page", page, 0, 1_000_000, 0),
                Params.integer("size", size, 1, 500, 50)));
    }

}
