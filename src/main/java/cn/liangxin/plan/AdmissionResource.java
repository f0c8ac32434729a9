package cn.liangxin.plan;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The admission dates of an organization's probationary members, for the member forecast. */
@Path("/api/organizations/{id}/probationary-admissions")
@Produces(MediaType.APPLICATION_JSON)
public class AdmissionResource {

    private final Admissions admissions;

    public AdmissionResource(Admissions admissions) {
        this.admissions = admissions;
    }

    @GET
    public Admissions.View get(@PathParam("id") long id) {
        return admissions.get(id);
    }

    /** Replaces the dates: at most as many as the organization has probationary members, none in the future. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Admissions.View put(@PathParam("id") long id, Admissions.Input input) {
        return admissions.put(id, input);
    }
}
