package cn.liangxin.security;

import cn.liangxin.division.Township;
import cn.liangxin.web.FormBinder;
import cn.liangxin.web.Msg;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Account management for administrators: list, create, change, disable. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("ADMIN")
public class UserPages {

    private static final Set<String> LISTS = Set.of("roles", "townships", "divisions");
    private static final Set<String> CHECKBOXES = Set.of("enabled");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<UserView> users, String title, String action, UserView editing,
                                             Map<String, Object> values, Map<String, String> errors,
                                             List<String> selectedRoles, List<String> selectedTownships,
                                             boolean saved, List<Role> roles, List<Township> townships,
                                             Map<String, String> names);
    }

    private final Users users;
    private final FormBinder binder;

    @jakarta.inject.Inject
    Scope scope;

    public UserPages(Users users, FormBinder binder) {
        this.users = users;
        this.binder = binder;
    }

    @GET
    public TemplateInstance list(@QueryParam("saved") String saved) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("enabled", "true");
        return page(Msg.t("user.form.new"), "/users", null, values, Map.of(), saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        return FormBinder.submit(binder.bind(split(form), UserInput.class, LISTS, CHECKBOXES),
                in -> "/users/" + users.create(in).id() + "?saved=1",
                errors -> page(Msg.t("user.form.new"), "/users", null, FormBinder.values(form), errors, false));
    }

    @GET
    @Path("{id}")
    public TemplateInstance edit(@PathParam("id") long id, @QueryParam("saved") String saved) {
        UserView u = users.get(id);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("username", u.username());
        values.put("enabled", String.valueOf(u.enabled()));
        values.put("roles", u.roles().stream().map(Enum::name).toList());
        values.put("townships", u.townships());
        values.put("divisions", String.join(", ", u.divisions().stream().filter(d -> d.length() < 9).toList()));
        return page(Msg.t("user.form.edit"), "/users/" + id, u, values, Map.of(), saved != null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        UserView current = users.get(id);
        return FormBinder.submit(binder.bind(split(form), UserInput.class, LISTS, CHECKBOXES),
                in -> "/users/" + users.update(id, in).id() + "?saved=1",
                errors -> page(Msg.t("user.form.edit"), "/users/" + id, current, FormBinder.values(form), errors, false));
    }

    private TemplateInstance page(String title, String action, UserView editing, Map<String, Object> values,
                                  Map<String, String> errors, boolean saved) {
        return Templates.users(users.list(), title, action, editing, values, errors,
                FormBinder.list(values.get("roles")), FormBinder.list(values.get("townships")), saved,
                Arrays.asList(Role.values()), scope.townships(), names());
    }

    /** The names of the townships and counties the administrator holds, by code, for the list of accounts. */
    private Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        scope.counties().forEach(c -> names.put(c.code(), c.name()));
        scope.townships().forEach(t -> names.put(t.code(), t.name()));
        return names;
    }

    /** The counties, prefectures or provinces typed in one field (comma or space separated), as a list. */
    private static MultivaluedMap<String, String> split(MultivaluedMap<String, String> form) {
        MultivaluedMap<String, String> out = new jakarta.ws.rs.core.MultivaluedHashMap<>(form);
        List<String> typed = form.get("divisions");
        out.remove("divisions");
        if (typed != null) {
            for (String t : typed) {
                for (String code : t.split("[,，、\\s]+")) {
                    if (!code.isBlank()) {
                        out.add("divisions", code.strip());
                    }
                }
            }
        }
        return out;
    }
}
