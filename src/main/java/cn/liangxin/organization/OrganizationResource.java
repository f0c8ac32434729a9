package cn.liangxin.organization;

import cn.liangxin.history.History;
import cn.liangxin.rules.GapCode;
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
    public OrganizationView update(@PathParam("id") long id, @Valid @NotNull OrganizationInput input) {
        return organizations.update(id, input);
    }

    /** Removes an organization registered by mistake (refused while a party organization covers it). */
    @DELETE
    @Path("/{id}")
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
