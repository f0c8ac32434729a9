package cn.liangxin.instructor;

import cn.liangxin.division.Township;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FormBinder;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The instructors page: the register, and the organizations waiting for an instructor. */
@Path("/instructors")
@Produces(MediaType.TEXT_HTML)
public class InstructorPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance instructors(List<Instructors.Instructor> instructors, Instructors.NeededPage needed,
                                                   int page, int shownFrom, String pageQuery,
                                                   List<Township> townships, String township, boolean canRegister,
                                                   String error, Map<String, String> errors, Map<String, Object> values);
    }

    /** Organizations waiting for an instructor shown a page: a list a phone can carry, with its checkboxes. */
    static final int NEEDED_PAGE = 50;

    private final Instructors instructors;

    private final FormBinder binder;

    public InstructorPages(Instructors instructors, FormBinder binder) {
        this.instructors = instructors;
        this.binder = binder;
    }

    @GET
    public TemplateInstance page(@QueryParam("township") String township, @QueryParam("page") String page) {
        String code = scope.townshipParam(township);
        int p = Params.integer("page", page, 0, 100_000, 0);
        String query = (code == null ? "" : "township=" + code + "&");
        return Templates.instructors(instructors.list(), instructors.needed(code, p * NEEDED_PAGE, NEEDED_PAGE), p, p * NEEDED_PAGE, query,
                scope.townships(), code,
                scope.managesAnyCounty(), null, Map.of(), Map.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(MultivaluedMap<String, String> form) {
        if (!scope.managesAnyCounty()) {
            throw new ApiException(403, "FORBIDDEN", Msg.t("instructor.countyOnly"), List.of());
        }
        // registered active: an instructor is registered to be assigned
        form.putSingle("active", "true");
        return FormBinder.submit(binder.bind(form, Instructors.Input.class, Set.of(), Set.of("active")),
                in -> {
                    instructors.create(in);
                    return "/instructors";
                },
                errors -> Templates.instructors(instructors.list(), first(), 0, 0, "", scope.townships(), null,
                        scope.managesAnyCounty(), null, errors, FormBinder.values(form)));
    }

    @POST
    @Path("assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(MultivaluedMap<String, String> form) {
        List<String> orgs = form.get("organizationId");
        String instructor = form.getFirst("instructorId");
        if (orgs == null || orgs.isEmpty() || instructor == null || instructor.isBlank()) {
            return error(Msg.t("instructor.assignIncomplete"));
        }
        List<Long> ids = orgs.stream().map(o -> (long) Params.integer("organizationId", o, 1, Integer.MAX_VALUE, 0)).toList();
        instructors.assign(Params.integer("instructorId", instructor, 1, Integer.MAX_VALUE, 0), new Instructors.Assignment(ids));
        return Response.seeOther(URI.create("/instructors")).build();
    }

    private Response error(String message) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.instructors(instructors.list(), first(), 0, 0, "", scope.townships(), null,
                        scope.managesAnyCounty(), message, Map.of(), Map.of()).render()).build();
    }

    private Instructors.NeededPage first() {
        return instructors.needed(null, 0, NEEDED_PAGE);
    }
}
