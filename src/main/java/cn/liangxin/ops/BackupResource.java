package cn.liangxin.ops;

import cn.liangxin.security.WholeDeployment;
import cn.liangxin.web.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * Backups of the embedded database, for the administrator of the whole deployment (a backup holds
 * every county): take one now, list those kept.
 */
@Path("/api/backups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
@WholeDeployment("backup.wholeDeployment")
public class BackupResource {

    private final Backups backups;

    public BackupResource(Backups backups) {
        this.backups = backups;
    }

    /** Backs up the embedded database now (a hot copy: the service keeps answering meanwhile). */
    @POST
    @APIResponse(responseCode = "201", description = "Written into the backup directory",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Backups.Backup.class)))
    @APIResponse(responseCode = "409", description = "BACKUP_NOT_EMBEDDED: an external database (DB_URL) is backed up with"
            + " deploy/backup.sh; BACKUP_RUNNING: another backup is being written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response create() {
        return Response.status(201).entity(backups.take()).build();
    }

    /** The backups kept, newest first. */
    @GET
    public List<Backups.Backup> list() {
        return backups.list();
    }
}
