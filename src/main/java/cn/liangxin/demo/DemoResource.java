package cn.liangxin.demo;

import cn.liangxin.web.ApiException;
import cn.liangxin.web.ErrorBody;
import cn.liangxin.web.Msg;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Loads the demo county on request, only into an empty registry. */
@Path("/api/demo")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class DemoResource {

    private final DemoData demo;
    private final cn.liangxin.security.Scope scope;

    public DemoResource(DemoData demo, cn.liangxin.security.Scope scope) {
        this.demo = demo;
        this.scope = scope;
    }

    /**
     * 201 with the number of organizations loaded into the empty counties the administrator holds
     * whole, or 409 when each has data, or 409 DEMO_NOT_LOADED naming the county that could not be
     * loaded. Send an empty JSON object as the body.
     */
    @POST
    @APIResponse(responseCode = "201", description = "Loaded: how many organizations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Loaded.class)))
    @APIResponse(responseCode = "409", description = "NOT_EMPTY: every county the administrator holds has data;"
            + " DEMO_NOT_LOADED: a county could not be loaded (every county left as it was), or its ended years and register"
            + " could not be added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response load() {
        int loaded = demo.loadWhereEmpty(scope.wholeCounties().stream().filter(c -> scope.managesCounty(c.code())).toList(),
                new java.util.ArrayList<>());
        if (loaded == 0) {
            throw ApiException.conflict("NOT_EMPTY", Msg.t("demo.notEmpty"));
        }
        return Response.status(201).entity(new Loaded(loaded)).build();
    }

    /** How many organizations the demo loaded. */
    public record Loaded(int organizations) {
    }
}
