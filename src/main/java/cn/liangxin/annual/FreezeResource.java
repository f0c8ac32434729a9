package cn.liangxin.annual;

import cn.liangxin.web.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** The annual freeze (年报) of the county's reports. */
@Path("/api/freezes")
@Produces(MediaType.APPLICATION_JSON)
public class FreezeResource {

    /** Which year to freeze. */
    public record FreezeInput(@NotNull @Min(2000) @Max(2100) Integer year) {
    }

    private final Freezes freezes;

    public FreezeResource(Freezes freezes) {
        this.freezes = freezes;
    }

    /** Stores the coverage table, blank-spot ledger and goal progress of 31 December of an ended year, once. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "201", description = "Frozen: the stored figures of 31 December",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Freezes.Freeze.class)))
    @APIResponse(responseCode = "409", description = "ALREADY_FROZEN: the year is frozen already",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response freeze(@Valid @NotNull FreezeInput input) {
        return Response.status(201).entity(freezes.freeze(input.year())).build();
    }

    @GET
    public List<Freezes.Summary> list() {
        return freezes.list();
    }

    @GET
    @Path("/{year}")
    public Freezes.Freeze get(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return freezes.get(year);
    }

    /** What differs now from the frozen figures, per township, and the blank spots added or gone since. */
    @GET
    @Path("/{year}/differences")
    public Freezes.Differences differences(@PathParam("year") @Min(2000) @Max(2100) int year) {
        return freezes.differences(year);
    }
}
