package cn.liangxin.register;

import cn.liangxin.security.Scope;
import cn.liangxin.web.Confirm;
import cn.liangxin.web.Msg;
import cn.liangxin.web.Params;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * The registers' pages: the imports with the upload form (the county's), an import's reconciliation
 * board per township, and its worklists with the two actions — a clerk sees her townships' lines.
 */
@Path("/registers")
@Produces(MediaType.TEXT_HTML)
public class RegisterPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance registers(List<Registers.Import> imports, boolean canImport,
                                                 List<Registers.Rule> rules, List<cn.liangxin.division.Township> townships,
                                                 String error, List<Registers.Todo> todo);

        static native TemplateInstance register(Registers.Import imp, List<Registers.BoardLine> board,
                                                Registers.Worklist worklist, String category, String township,
                                                List<RegisterCategory> categories, int offset, int limit,
                                                boolean managesCounty, List<cn.liangxin.division.Township> townships,
                                                int unassigned, List<Registers.InCampaign> campaigns, boolean mayChange);
    }

    private static final int PAGE = 100;
    /** How many lines of each kind a clerk's to-do shows before pointing to the worklist. */
    private static final int SHOWN_OF_EACH = 50;

    private final Registers registers;
    private final Scope scope;

    public RegisterPages(Registers registers, Scope scope) {
        this.registers = registers;
        this.scope = scope;
    }

    @GET
    public TemplateInstance list() {
        return list(null);
    }

    private TemplateInstance list(String error) {
        // who sees part of a county only (a township's clerk) is shown first what her townships have to do
        List<Registers.Todo> todo = scope.wholeCounties().isEmpty() ? registers.todo(SHOWN_OF_EACH) : List.of();
        return Templates.registers(registers.list(), scope.managesAnyCounty(), registers.rules(), managedTownships(), error,
                todo);
    }

    /** The townships of the counties the caller manages: where a rule or a hand may place a line. */
    private List<cn.liangxin.division.Township> managedTownships() {
        return scope.counties().stream().filter(c -> scope.managesCounty(c.code()))
                .flatMap(c -> c.townships().stream()).toList();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("source") String source, @RestForm("asOf") String asOf) {
        try {
            if (file == null || file.uploadedFile() == null) {
                throw cn.liangxin.web.ApiException.invalid("file", Msg.t("survey.file.missing"));
            }
            Registers.Import imp = registers.importFile(file.uploadedFile(), file.fileName() == null ? "" : file.fileName(),
                    source, Params.date("asOf", asOf, cn.liangxin.time.Days.today(), Registers.EARLIEST_AS_OF,
                Registers.LATEST_AS_OF), scope.requestedCounty());
            return Response.seeOther(URI.create("/registers/" + imp.id())).build();
        } catch (cn.liangxin.web.ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(list(message).render()).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance register(@PathParam("id") long id, @QueryParam("category") String category,
                                     @QueryParam("township") String township, @QueryParam("offset") String offset) {
        RegisterCategory cat = Params.enumeration("category", category, RegisterCategory.class);
        String code = township == null || township.isBlank() ? null : scope.townshipParam(township);
        int from = Params.integer("offset", offset, 0, Integer.MAX_VALUE, 0);
        Registers.Import imp = registers.get(id);
        boolean manages = scope.managesCounty(imp.countyCode());
        int unassigned = manages ? (int) registers.worklist(id, RegisterCategory.UNASSIGNED, null, 0, 1).total() : 0;
        return Templates.register(imp, registers.board(id), registers.worklist(id, cat, code, from, PAGE),
                cat == null ? "" : cat.name(), code == null ? "" : code, Arrays.asList(RegisterCategory.values()), from, PAGE,
                manages, manages ? managedTownships().stream().filter(t -> t.countyCode().equals(imp.countyCode())).toList()
                        : List.of(), unassigned,
                code == null ? List.of() : registers.openCampaigns(imp.countyCode(), code),
                scope.mayChangeRegistry());
    }

    /** Adds a keyword rule, applied at once; a bad one is said on the list page. */
    @POST
    @Path("rules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addRule(MultivaluedMap<String, String> form) {
        try {
            registers.addRule(form.getFirst("keyword"), form.getFirst("townshipCode"), scope.requestedCounty());
            return Response.seeOther(URI.create("/registers#rules")).build();
        } catch (cn.liangxin.web.ApiException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            return Response.status(e.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(list(message).render()).build();
        }
    }

    /** Removes a keyword rule, asked first. */
    @POST
    @Path("rules/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response deleteRule(@PathParam("id") long id, MultivaluedMap<String, String> form) {
        Registers.Rule rule = registers.rules().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> cn.liangxin.web.ApiException.notFound(Msg.t("register.rule.what", id)));
        scope.manageCounty(rule.countyCode());
        Confirm.ask(form, Msg.t("confirm.deleteRule", rule.keyword()));
        registers.deleteRule(id);
        return Response.seeOther(URI.create("/registers#rules")).build();
    }

    /** Places an unassigned line in the township chosen. */
    @POST
    @Path("{id}/worklist/{item}/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assign(@PathParam("id") long id, @PathParam("item") long item, MultivaluedMap<String, String> form) {
        registers.assign(id, item, form.getFirst("townshipCode"));
        return Response.seeOther(URI.create("/registers/" + id + "?category=UNASSIGNED")).build();
    }

    /** Confirms a line's proposal: the registry organization it is. */
    @POST
    @Path("{id}/worklist/{item}/match")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response match(@PathParam("id") long id, @PathParam("item") long item, MultivaluedMap<String, String> form) {
        Registers.Item line = registers.item(id, item);
        long organization = Params.integer("organizationId", form.getFirst("organizationId"), 1, Integer.MAX_VALUE, 0);
        registers.confirmMatch(id, item, organization);
        return Response.seeOther(URI.create("/registers/" + id + (line.townshipCode() == null ? "?category=" + line.category()
                : "?township=" + line.townshipCode() + "&category=" + line.category()))).build();
    }

    /** Closes a township's close candidates, asked first. */
    @POST
    @Path("{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response closeAll(@PathParam("id") long id, @QueryParam("township") String township,
                             MultivaluedMap<String, String> form) {
        Registers.BoardLine line = boardLine(id, township);
        Confirm.ask(form, Msg.t("confirm.closeAll", line.name(), line.closeCandidates()));
        registers.closeAll(id, line.code());
        return Response.seeOther(URI.create("/registers/" + id + "?township=" + line.code())).build();
    }

    /** Registers an unsurveyed line's organization and opens it, to be surveyed. */
    @POST
    @Path("{id}/worklist/{item}/register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response registerLine(@PathParam("id") long id, @PathParam("item") long item, MultivaluedMap<String, String> form) {
        long org = registers.register(id, item).id();
        return Response.seeOther(URI.create("/organizations/" + org)).build();
    }

    /** Registers a township's unsurveyed lines, asked first. */
    @POST
    @Path("{id}/register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response registerAll(@PathParam("id") long id, @QueryParam("township") String township,
                                MultivaluedMap<String, String> form) {
        Registers.BoardLine line = boardLine(id, township);
        Confirm.ask(form, Msg.t("confirm.registerAll", line.name(), line.unsurveyed()));
        registers.registerAll(id, line.code());
        return Response.seeOther(URI.create("/registers/" + id + "?township=" + line.code())).build();
    }

    /**
     * The board's line of the township a bulk action names ({@code township}, required), which the
     * caller must be allowed to change: who may not is told so before she is asked to confirm.
     */
    private Registers.BoardLine boardLine(long id, String township) {
        String code = scope.townshipParam(township);
        if (code == null) {
            throw cn.liangxin.web.ApiException.invalid("township", Msg.t("register.townshipRequired"));
        }
        scope.changeRegistry(code);
        return registers.board(id).stream().filter(b -> b.code().equals(code)).findFirst().orElseThrow();
    }

    /** Lists a township's unsurveyed lines in the campaign chosen, for its survey templates. */
    @POST
    @Path("{id}/campaign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response listInCampaign(@PathParam("id") long id, @QueryParam("township") String township,
                                   MultivaluedMap<String, String> form) {
        String code = scope.townshipParam(township);
        long campaign = Params.integer("campaignId", form.getFirst("campaignId"), 1, Integer.MAX_VALUE, 0);
        registers.listInCampaign(id, code, campaign);
        return Response.seeOther(URI.create("/registers/" + id + "?township=" + code + "&category=UNSURVEYED")).build();
    }

    /** Closes a close candidate's organization, asked first. */
    @POST
    @Path("{id}/worklist/{item}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response closeLine(@PathParam("id") long id, @PathParam("item") long item, MultivaluedMap<String, String> form) {
        Registers.Item line = registers.item(id, item);
        // who may not close it is told so first; who may is asked once
        if (line.townshipCode() == null) {
            scope.requireRegistryChanges();
        } else {
            scope.changeRegistry(line.townshipCode());
        }
        Confirm.ask(form, Msg.t("confirm.closeFromRegister", line.name()));
        registers.close(id, item);
        return Response.seeOther(URI.create("/registers/" + id + "?category=CLOSE_CANDIDATE")).build();
    }
}
