package cn.liangxin.partyorg;

import cn.liangxin.division.Township;
import cn.liangxin.organization.OrganizationView;
import cn.liangxin.organization.Organizations;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.web.FormBinder;
import cn.liangxin.web.Msg;
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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The party-organization form: record one, choose what it covers, record its dissolution. */
@Path("/party-organizations")
@Produces(MediaType.TEXT_HTML)
public class PartyOrganizationPages {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** Most organizations a form lists to choose from. */
    private static final int CANDIDATES = 500;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String title, String action, String townshipCode, PartyOrganizationView view,
                                            Map<String, Object> values, Map<String, String> errors,
                                            List<Long> selected, boolean saved, List<OrganizationView> candidates,
                                            List<Township> townships, List<PartyLevel> levels,
                                            List<Formation> formations,
                                            List<cn.liangxin.history.History.Entry> timeline);
    }

    @jakarta.inject.Inject
    cn.liangxin.history.History history;
    private final PartyOrganizations parties;
    private final Organizations organizations;
    private final FormBinder binder;

    public PartyOrganizationPages(PartyOrganizations parties, Organizations organizations,
                                  FormBinder binder) {
        this.parties = parties;
        this.organizations = organizations;
        this.binder = binder;
    }

    @GET
    @Path("new")
    public TemplateInstance blank(@QueryParam("township") String township) {
        String code = scope.find(township).orElseGet(scope::firstTownship).code();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("townshipCode", code);
        values.put("level", PartyLevel.BRANCH.name());
        values.put("formation", Formation.INDEPENDENT.name());
        values.put("foundedOn", LocalDate.now(cn.liangxin.time.Days.ZONE).toString());
        return form(Msg.t("party.form.new"), "/party-organizations", code, null, values, Map.of(), false);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        return FormBinder.submit(bind(form), in -> "/party-organizations/" + parties.create(in).id() + "?saved=1",
                errors -> form(Msg.t("party.form.new"), "/party-organizations", form.getFirst("townshipCode"), null,
                        FormBinder.values(form), errors, false));
    }

    @GET
    @Path("{id}")
    public TemplateInstance edit(@PathParam("id") long id, @QueryParam("saved") String saved) {
        PartyOrganizationView view = parties.get(id);
        return form(Msg.t("party.form.edit"), "/party-organizations/" + id, view.townshipCode(), view, values(view),
                Map.of(), saved != null);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        PartyOrganizationView current = parties.get(id);
        return FormBinder.submit(bind(form), in -> "/party-organizations/" + parties.update(id, in).id() + "?saved=1",
                errors -> form(Msg.t("party.form.edit"), "/party-organizations/" + id, current.townshipCode(), current,
                        FormBinder.values(form), errors, false));
    }

    private FormBinder.Bound<PartyOrganizationInput> bind(MultivaluedMap<String, String> form) {
        return binder.bind(form, PartyOrganizationInput.class, Set.of("coveredOrganizationIds"), Set.of());
    }

    private TemplateInstance form(String title, String action, String townshipCode, PartyOrganizationView view,
                                  Map<String, Object> values, Map<String, String> errors, boolean saved) {
        String code = scope.find(townshipCode).orElseGet(scope::firstTownship).code();
        List<OrganizationView> candidates = organizations.list(
                        new Organizations.Filter(code, null, null, null, 0, CANDIDATES)).items().stream()
                .filter(o -> o.status() != cn.liangxin.organization.Status.CLOSED)
                .filter(o -> o.partyOrganization() == null || (view != null && o.partyOrganization().id() == view.id()))
                .toList();
        return Templates.form(title, action, code, view, values, errors,
                FormBinder.list(values.get("coveredOrganizationIds")).stream()
                        .filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf).toList(), saved, candidates, scope.townships(),
                Arrays.asList(PartyLevel.values()), Arrays.asList(Formation.values()),
                view == null ? List.of() : history.partyOrganization(view.id(), PartyOrganizationInput.FIELDS));
    }

    private static Map<String, Object> values(PartyOrganizationView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("level", v.level().name());
        m.put("formation", v.formation().name());
        m.put("townshipCode", v.townshipCode());
        m.put("foundedOn", v.foundedOn().toString());
        m.put("dissolvedOn", v.dissolvedOn() == null ? null : v.dissolvedOn().toString());
        m.put("secretary", v.secretary());
        m.put("coveredOrganizationIds", v.coveredOrganizationIds().stream().map(String::valueOf).toList());
        return m;
    }
}
