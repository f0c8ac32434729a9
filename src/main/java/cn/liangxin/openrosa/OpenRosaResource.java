package cn.liangxin.openrosa;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;
import cn.liangxin.security.Scope;
import cn.liangxin.survey.FieldSurvey;
import cn.liangxin.survey.SurveyImports;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenRosa 1.0 for ODK Collect and Enketo: the forms of the caller's scope (one per county she
 * works in), each with its media file of her registry organizations, and the submission of filled
 * forms, which collect into the caller's open preview like the rows of an upload. The caller signs in
 * with HTTP Basic (see {@code security.SessionMechanism}); every answer, refusals included, carries
 * {@code X-OpenRosa-Version} and {@code Date} (see {@link OpenRosaHeaders}). Whatever the caller
 * accepts, the answers are XML (the media file CSV), not JSON: kept out of the API document.
 */
@Path("/openrosa")
public class OpenRosaResource {

    static final String XML = "text/xml; charset=utf-8";
    static final String FORM_ID = "liangxin-survey-";
    /** The multipart part holding the filled form. */
    static final String SUBMISSION_PART = "xml_submission_file";

    private final Scope scope;
    private final FieldSurvey survey;
    private final SubmissionLimit limit;

    public OpenRosaResource(Scope scope, FieldSurvey survey, SubmissionLimit limit) {
        this.scope = scope;
        this.survey = survey;
        this.limit = limit;
    }

    /** The forms the caller may fill: one per county she may change the registry of. */
    @GET
    @Path("formList")
    @Operation(hidden = true)
    public Response formList(@Context UriInfo uri) {
        return answer(() -> {
            List<OpenRosaXml.Listed> forms = new ArrayList<>();
            if (scope.mayChangeRegistry()) {
                for (County c : scope.counties()) {
                    XForm.Built f = built(c.code(), uri);
                    forms.add(new OpenRosaXml.Listed(f, url(uri, "form.xml", c.code()), url(uri, "manifest", c.code())));
                }
            }
            return Response.ok(OpenRosaXml.formList(forms), XML).build();
        });
    }

    /** The XForm of a county ({@code countyCode}, or the caller's only one). */
    @GET
    @Path("form.xml")
    @Operation(hidden = true)
    public Response form(@QueryParam("countyCode") String countyCode, @Context UriInfo uri) {
        return answer(() -> Response.ok(built(county(countyCode), uri).xml(), XML).build());
    }

    /** The form's media: the CSV of the caller's registry organizations. */
    @GET
    @Path("manifest")
    @Operation(hidden = true)
    public Response manifest(@QueryParam("countyCode") String countyCode, @Context UriInfo uri) {
        return answer(() -> {
            String county = county(countyCode);
            byte[] csv = media(county);
            return Response.ok(OpenRosaXml.manifest(XForm.MEDIA, XForm.md5(csv), url(uri, XForm.MEDIA, county)), XML).build();
        });
    }

    @GET
    @Path(XForm.MEDIA)
    @Operation(hidden = true)
    public Response organizations(@QueryParam("countyCode") String countyCode) {
        return answer(() -> Response.ok(media(county(countyCode)), "text/csv; charset=utf-8").build());
    }

    /** Asked before a submission: the largest one taken. */
    @HEAD
    @Path("submission")
    @Operation(hidden = true)
    public Response submissionHead() {
        return Response.noContent().header("X-OpenRosa-Accept-Content-Length", limit.maxBytes()).build();
    }

    /**
     * A filled form ({@value #SUBMISSION_PART}, attachments beside it are not kept: the form asks
     * for none) joins the caller's open ODK preview of the county (a new one after she committed or
     * discarded the last), each organization once: one sent again (the same instanceID) replaces its
     * first answers. A form she may not send is refused (403 for a township or organization outside
     * her scope, 400 for answers with errors), saying why, and nothing of it is kept; one sent again
     * after its preview was committed is answered 202, saying it is done. A body longer than
     * advertised is refused (413): one that said so before it was read (see {@link SubmissionLimit}),
     * one sent in chunks once read. The filled form is read as a stream (see {@link Submission}).
     */
    @POST
    @Path("submission")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response submission(MultipartFormDataInput input, @Context HttpServerRequest request) {
        return answer(() -> {
            scope.requireRegistryChanges();
            if (request.bytesRead() > limit.maxBytes()) {
                return error(413, limit.tooLarge());
            }
            Submission s;
            try (InputStream xml = part(input)) {
                if (xml == null) {
                    return error(400, Msg.t("openrosa.submission.noFile"));
                }
                s = Submission.read(xml);
            } catch (Submission.Unreadable e) {
                return error(400, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> values = s.values();
            if (s.registryId() == null && values.values().stream().allMatch(String::isBlank)) {
                return error(400, Msg.t("openrosa.submission.blank"));
            }
            SurveyImports.FieldResult r = survey.send("ODK", s.instanceId(), values, s.registryId());
            if (r.committed()) {
                // sent again after its preview was committed: done, nothing for her to do (202: a duplicate)
                return Response.status(202).entity(OpenRosaXml.message("submit_success",
                        Msg.t("openrosa.submission.committed", String.valueOf(r.importId())))).type(XML).build();
            }
            return Response.status(201).entity(OpenRosaXml.message("submit_success", Msg.t("openrosa.submission.received",
                    String.valueOf(r.importId()), String.valueOf(r.row()), String.valueOf(r.rows())))).type(XML).build();
        });
    }

    private XForm.Built built(String county, UriInfo uri) {
        if (!scope.mayChangeRegistry()) {
            throw Scope.forbidden();
        }
        List<Township> townships = townships(county);
        String name = scope.partName(county);
        return XForm.build(FORM_ID + county, Msg.t("openrosa.form.title", name), survey.questions(townships),
                survey.partyNameRequiredFor(), url(uri, "submission", county));
    }

    private byte[] media(String county) {
        if (!scope.mayChangeRegistry()) {
            throw Scope.forbidden();
        }
        return OpenRosaXml.csv(survey.registry(townships(county)));
    }

    private String county(String requested) {
        return scope.county(requested);
    }

    private List<Township> townships(String county) {
        return scope.townships().stream().filter(t -> t.countyCode().equals(county)).toList();
    }

    /** An absolute address of this service's (behind the proxy: as the proxy says it is reached). */
    private static String url(UriInfo uri, String path, String county) {
        return uri.getBaseUriBuilder().path("openrosa").path(path).queryParam("countyCode", county).build().toString();
    }

    /** The filled form's part, read from where the upload keeps it; null when there is none. */
    private static InputStream part(MultipartFormDataInput input) throws IOException {
        if (input == null || input.getValues() == null) {
            return null;
        }
        var parts = input.getValues().get(SUBMISSION_PART);
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        FormValue v = parts.iterator().next();
        if (v.isFileItem()) {
            return v.getFileItem().isInMemory() ? v.getFileItem().getInputStream()
                    : new BufferedInputStream(Files.newInputStream(v.getFileItem().getFile()));
        }
        return new ByteArrayInputStream(v.getValue().getBytes(v.getCharset() == null ? StandardCharsets.UTF_8
                : Charset.forName(v.getCharset())));
    }

    /** Refusals in OpenRosa's form: the status and a message for the app to show. */
    private static Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (ApiException e) {
            return error(e.status(), e.getMessage());
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(OpenRosaXml.message("error", message)).type(XML).build();
    }
}
