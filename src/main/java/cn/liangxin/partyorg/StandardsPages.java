package cn.liangxin.partyorg;

import cn.liangxin.history.History;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Params;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** A party organization's 五个一 checklist and 五个好 ratings, edited in the browser. */
@Path("/party-organizations")
@Produces(MediaType.TEXT_HTML)
public class StandardsPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance standards(PartyOrganizationView party, Standards.FiveOne fiveOne,
                                                 List<Standards.FiveGood> ratings, int year, String error, boolean saved);
    }

    private final Standards standards;
    private final PartyOrganizations parties;

    public StandardsPages(Standards standards, PartyOrganizations parties) {
        this.standards = standards;
        this.parties = parties;
    }

    @GET
    @Path("{id}/standards")
    public TemplateInstance page(@PathParam("id") long id, @jakarta.ws.rs.QueryParam("saved") String saved) {
        return render(id, null, saved != null);
    }

    private TemplateInstance render(long id, String error, boolean saved) {
        return Templates.standards(parties.get(id), standards.fiveOne(id), standards.ratings(id),
                LocalDate.now(cn.liangxin.time.Days.ZONE).getYear(), error, saved);
    }

    @POST
    @Path("{id}/standards/five-one")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response fiveOne(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        try {
            BigDecimal area = null;
            String a = form.getFirst("roomArea");
            if (a != null && !a.isBlank()) {
                area = Standards.area(a.strip());
                if (area == null) {
                    throw ApiException.invalid("roomArea", cn.liangxin.web.Msg.t("standards.areaNumber", a));
                }
            }
            standards.setFiveOne(id, new Standards.FiveOneInput(on(form, "activityRoom"), area, on(form, "bulletinBoard"),
                    on(form, "signPlate"), on(form, "partyFlag"), on(form, "rulesSet"),
                    Params.date("checkedOn", form.getFirst("checkedOn"), null)));
        } catch (ApiException e) {
            return error(id, e);
        }
        return Response.seeOther(URI.create("/party-organizations/" + id + "/standards?saved=1")).build();
    }

    @POST
    @Path("{id}/standards/five-good")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response fiveGood(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        try {
            int year = Params.integer("year", form.getFirst("year"), 2000, 2100, LocalDate.now(cn.liangxin.time.Days.ZONE).getYear());
            standards.rate(id, year, new Standards.FiveGoodInput(on(form, "goodLeadership"), on(form, "goodMembers"),
                    on(form, "goodMechanism"), on(form, "goodResults"), on(form, "goodStanding")));
        } catch (ApiException e) {
            return error(id, e);
        }
        return Response.seeOther(URI.create("/party-organizations/" + id + "/standards?saved=1")).build();
    }

    private Response error(long id, ApiException e) {
        String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
        return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(render(id, message, false).render()).build();
    }

    private static boolean on(MultivaluedMap<String, String> form, String name) {
        return form.containsKey(name) && !"false".equals(form.getFirst(name));
    }
}
