package cn.liangxin.partyorg;

import cn.liangxin.web.ErrorBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import java.util.List;

/** Party organizations over JSON. */
@Path("/api/party-organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PartyOrganizationResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private final PartyOrganizations partyOrganizations;

    @jakarta.inject.Inject
    cn.liangxin.history.History history;

    public PartyOrganizationResource(PartyOrganizations partyOrganizations) {
        this.partyOrganizations = partyOrganizations;
    }

    /** Records a party organization and the organizations it covers. */
    @POST
    @APIResponse(responseCode = "201", description = "Recorded; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartyOrganizationView.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_COVERED: an organization named is covered by another party organization",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull PartyOrganizationInput input, UriInfo uri) {
        PartyOrganizationView view = partyOrganizations.create(input);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .entity(view).build();
    }

    /** Every recorded change of the party organization, newest first (as for organizations). */
    @GET
    @Path("/{id}/history")
    public java.util.List<cn.liangxin.history.History.Entry> history(@PathParam("id") long id) {
        return history.partyOrganization(id, PartyOrganizationInput.FIELDS);
    }

    @GET
    @Path("/{id}")
    public PartyOrganizationView get(@PathParam("id") long id) {
        return partyOrganizations.get(id);
    }

    /** Corrects a party organization; set {@code dissolvedOn} to record that it was dissolved. */
    @PUT
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "Corrected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartyOrganizationView.class)))
    @APIResponse(responseCode = "409", description = "VERSION_CONFLICT: saved by someone else since it was read;"
            + " ALREADY_COVERED: an organization named is covered by another party organization",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public PartyOrganizationView update(@PathParam("id") long id, @Valid @NotNull PartyOrganizationInput input) {
        return partyOrganizations.update(id, input);
    }

    /** Party organizations of a township (code or name), or of the whole scope. */
    @GET
    public List<PartyOrganizationView> list(@QueryParam("township") String township) {
        return partyOrganizations.list(scope.townshipParam(township));
    }
}
