package cn.liangxin.demo;

import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.Map;

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
     * whole, or 409 when each has data. Send an empty JSON object as the body.
     */
    @POST
    public Response load() throws SQLException {
        int loaded = demo.loadWhereEmpty(scope.wholeCounties().stream().filter(c -> scope.managesCounty(c.code())).toList(),
                new java.util.ArrayList<>());
        if (loaded == 0) {
            throw ApiException.conflict("NOT_EMPTY", Msg.t("demo.notEmpty"));
        }
        return Response.status(201).entity(Map.of("organizations", loaded)).build();
    }
}
