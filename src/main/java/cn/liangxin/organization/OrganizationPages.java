package cn.liangxin.organization;

import cn.liangxin.history.History;
import cn.liangxin.division.Township;
import cn.liangxin.web.FormBinder;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Option;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The organization form: register, correct, remove — without JavaScript. */
@Path("/organizations")
@Produces(MediaType.TEXT_HTML)
public class OrganizationPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private static final Set<String> LISTS = Set.of("massOrganizations");
    private static final Set<String> CHECKBOXES = Set.of("aboveScale", "ownerIsMember", "secretaryCandidate");
    private static final List<Option> INDUSTRIES = "ABCDEFGHIJKLMNOPQRST".chars()
            .mapToObj(c -> new Option(String.valueOf((char) c), Msg.t("industry." + (char) c))).toList();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String title, String action, String townshipCode, OrganizationView view,
                                            Map<String, Object> values, Map<String, String> errors,
                                            List<String> massSelected, boolean saved, List<Township> townships,
                                            List<Kind> kinds, List<Status> statuses, List<OwnerAttitude> attitudes,
                                            List<MassOrganization> massOrganizations, List<Option> industries,
                                            List<History.Entry> timeline);
    }

    private final Organizations organizations;
    private final FormBinder binder;
    @jakarta.inject.Inject
    History history;

    public OrganizationPages(Organizations organizations, FormBinder binder) {
        this.organizations = organizations;
        this.binder = binder;
    }

    @GET
    @Path("new")
    public TemplateInstance blank(@QueryParam("township") String township) {
        Map<String, Object> values = new LinkedHashMap<>();
        String code = scope.find(township).orElseGet(scope::firstTownship).code();
        values.put("townshipCode", code);
        values.put("status", Status.OPERATING.name());
        return form(Msg.t("org.form.new"), "/organizations", code, null, values, Map.of(), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        typed(form);
        return FormBinder.submit(binder.bind(form, OrganizationInput.class, LISTS, CHECKBOXES),
                in -> "/organizations/" + organizations.create(in).id() + "?saved=1",
                errors -> form(Msg.t("org.form.new"), "/organizations", form.getFirst("townshipCode"), null,
                        FormBinder.values(form), errors, false));
    }

    @GET
    @Path("{id}")
    public TemplateInstance edit(@PathParam("id") long id, @QueryParam("saved") String saved) {
        OrganizationView view = organizations.get(id);
        return form(Msg.t("org.form.edit"), "/organizations/" + id, view.townshipCode(), view, values(view), Map.of(),
                saved != null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        typed(form);
        OrganizationView current = organizations.get(id);
        return FormBinder.submit(binder.bind(form, OrganizationInput.class, LISTS, CHECKBOXES),
                in -> "/organizations/" + organizations.update(id, in).id() + "?saved=1",
                errors -> form(Msg.t("org.form.edit"), "/organizations/" + id, current.townshipCode(), current,
                        FormBinder.values(form), errors, false));
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        OrganizationView view = organizations.get(id);
        scope.requireRegistryChanges();
        cn.liangxin.web.Confirm.ask(form, cn.liangxin.web.Msg.t("confirm.deleteOrganization", view.name()));
        organizations.delete(id);
        return Response.seeOther(URI.create("/townships/" + view.townshipCode())).build();
    }

    /** A clerk's USCC in lowercase or full-width characters is read as she meant it. */
    private static void typed(MultivaluedMap<String, String> form) {
        String uscc = form.getFirst("uscc");
        if (uscc != null && !uscc.isBlank()) {
            form.putSingle("uscc", Uscc.normalize(uscc));
        }
    }

    private TemplateInstance form(String title, String action, String townshipCode, OrganizationView view,
                                  Map<String, Object> values, Map<String, String> errors, boolean saved) {
        return Templates.form(title, action, townshipCode, view, values, errors,
                FormBinder.list(values.get("massOrganizations")), saved, scope.townships(),
                Arrays.asList(Kind.values()), Arrays.asList(Status.values()), Arrays.asList(OwnerAttitude.values()),
                Arrays.asList(MassOrganization.values()), INDUSTRIES,
                view == null ? List.of() : history.organization(view.id(), OrganizationInput.FIELDS));
    }

    /** The stored organization as the form's text values. */
    private static Map<String, Object> values(OrganizationView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("uscc", v.uscc());
        m.put("kind", v.kind().name());
        m.put("townshipCode", v.townshipCode());
        m.put("community", v.community());
        m.put("address", v.address());
        m.put("building", v.building());
        m.put("industry", v.industry());
        m.put("aboveScale", String.valueOf(v.aboveScale()));
        m.put("status", v.status().name());
        m.put("headcount", String.valueOf(v.headcount()));
        m.put("formalMembers", String.valueOf(v.formalMembers()));
        m.put("probationaryMembers", String.valueOf(v.probationaryMembers()));
        m.put("membersElsewhere", String.valueOf(v.membersElsewhere()));
        m.put("activists", String.valueOf(v.activists()));
        m.put("ownerIsMember", String.valueOf(v.ownerIsMember()));
        m.put("ownerAttitude", v.ownerAttitude() == null ? null : v.ownerAttitude().name());
        m.put("secretaryCandidate", String.valueOf(v.secretaryCandidate()));
        m.put("massOrganizations", v.massOrganizations().stream().map(Enum::name).toList());
        m.put("instructor", v.instructor());
        m.put("plannedFormationOn", v.plannedFormationOn() == null ? null : v.plannedFormationOn().toString());
        m.put("notPlannedReason", v.notPlannedReason());
        m.put("responsible", v.responsible());
        m.put("notes", v.notes());
        m.put("countermeasures", v.countermeasures());
        return m;
    }
}
