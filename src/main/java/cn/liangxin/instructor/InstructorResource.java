package cn.liangxin.instructor;

import cn.liangxin.web.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.List;

/** Party-building instructors: the register, assignments, and who still needs one. */
@Path("/api/instructors")
@Produces(MediaType.APPLICATION_JSON)
public class InstructorResource {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private final Instructors instructors;

    public InstructorResource(Instructors instructors) {
        this.instructors = instructors;
    }

    @GET
    public List<Instructors.Instructor> list() {
        return instructors.list();
    }

    @GET
    @Path("/{id}")
    public Instructors.Instructor get(@PathParam("id") long id) {
        return instructors.get(id);
    }

    /** Registers an instructor (county staff); names are unique in the county. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"COUNTY", "ADMIN"})
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Instructors.Instructor.class)))
    @APIResponse(responseCode = "409", description = "INSTRUCTOR_EXISTS: the county has an instructor of this name",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull Instructors.Input input) {
        return Response.status(201).entity(instructors.create(input)).build();
    }

    /** Names the instructor on organizations of the caller's townships. */
    @POST
    @Path("/{id}/assignments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Instructors.Instructor assign(@PathParam("id") long id, @Valid @NotNull Instructors.Assignment assignment) {
        return instructors.assign(id, assignment);
    }

    /** Organizations with no formal members and no instructor: where an instructor is needed first. */
    @GET
    @Path("/needed")
    public List<Instructors.Needed> needed(@QueryParam("township") String township) {
        return instructors.needed(scope.townshipParam(township));
    }
}
