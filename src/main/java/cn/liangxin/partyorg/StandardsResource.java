package cn.liangxin.partyorg;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** 五个一 and 五个好 of a party organization. */
@Path("/api/party-organizations")
@Produces(MediaType.APPLICATION_JSON)
public class StandardsResource {

    private final Standards standards;
    private final StandardsImport importer;

    public StandardsResource(Standards standards, StandardsImport importer) {
        this.standards = standards;
        this.importer = importer;
    }

    /** What an import of 五个一 reports. */
    public record Imported(int partyOrganizations) {
    }

    /**
     * 五个一 checklists from a spreadsheet (multipart field {@code file}: .xlsx, .xls or .csv), one row per
     * party organization by number (党组织编号) or name; all rows or none.
     */
    @POST
    @Path("/five-one")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Imported importFiveOne(@org.jboss.resteasy.reactive.RestForm("file") org.jboss.resteasy.reactive.multipart.FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            throw cn.liangxin.web.ApiException.invalid("file", cn.liangxin.web.Msg.t("survey.file.missing"));
        }
        return new Imported(importer.importFile(file.uploadedFile(), file.fileName() == null ? "" : file.fileName()));
    }

    /** The 五个一 checklist; a room smaller than about 30 m² is a warning. */
    @GET
    @Path("/{id}/five-one")
    public Standards.FiveOne fiveOne(@PathParam("id") long id) {
        return standards.fiveOne(id);
    }

    @PUT
    @Path("/{id}/five-one")
    @Consumes(MediaType.APPLICATION_JSON)
    public Standards.FiveOne setFiveOne(@PathParam("id") long id, @Valid @NotNull Standards.FiveOneInput input) {
        return standards.setFiveOne(id, input);
    }

    /** The 五个好 ratings, newest year first. */
    @GET
    @Path("/{id}/five-good")
    public List<Standards.FiveGood> ratings(@PathParam("id") long id) {
        return standards.ratings(id);
    }

    /** Rates a year (from the year the party organization was founded up to this one). */
    @PUT
    @Path("/{id}/five-good/{year}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Standards.FiveGood rate(@PathParam("id") long id, @PathParam("year") @Min(2000) @Max(2100) int year,
                                   @Valid @NotNull Standards.FiveGoodInput input) {
        return standards.rate(id, year, input);
    }
}
