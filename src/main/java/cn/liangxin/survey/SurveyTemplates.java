package cn.liangxin.survey;

import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.organization.CoveredBy;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.Organizations;
import cn.liangxin.rules.Explanations;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.time.Days;
import cn.liangxin.web.Downloads;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The survey form as a download, blank or pre-filled with a township's registry rows. */
@ApplicationScoped
public class SurveyTemplates {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Organizations organizations;
    private final Divisions divisions;
    private final cn.liangxin.register.Registers registers;

    public SurveyTemplates(Organizations organizations, Divisions divisions, cn.liangxin.register.Registers registers) {
        this.organizations = organizations;
        this.divisions = divisions;
        this.registers = registers;
    }

    /** The form of a township (or the blank one), named after the township (or the caller's scope) and today. */
    Response xlsx(String township, String scopeName) {
        List<List<String>> rows = rows(township);
        return Downloads.attachment(out -> SurveyTemplate.writeXlsx(out, rows, township != null),
                Downloads.ascii("survey", township, Days.today(), ".xlsx"),
                Downloads.named(scopeName, Msg.t("survey.template.file"), Days.today(), ".xlsx"), XLSX);
    }

    Response csv(String township, String scopeName) {
        List<List<String>> rows = rows(township);
        return Downloads.attachment(out -> SurveyTemplate.writeCsv(out, rows), Downloads.ascii("survey", township, Days.today(), ".csv"),
                Downloads.named(scopeName, Msg.t("survey.template.file"), Days.today(), ".csv"), "text/csv; charset=UTF-8");
    }

    /**
     * The township's organizations as the form's text cells, the registry id last; then the register
     * lines its open campaigns list, still to be surveyed, pre-filled from the register and without
     * a registry id (new organizations).
     */
    List<List<String>> rows(String township) {
        if (township == null) {
            return List.of();
        }
        List<Organization> orgs = divisions.township(township).map(t -> Organization.<Organization>list(
                "countyCode = ?1 and townshipCode = ?2 order by name, id", t.countyCode(), t.code())).orElse(List.of());
        Map<Long, CoveredBy> covered = organizations.coverage(orgs);
        List<List<String>> rows = new ArrayList<>(orgs.size());
        for (Organization o : orgs) {
            rows.add(row(o, covered.get(o.id)));
        }
        rows.addAll(registerRows(township));
        return rows;
    }

    /**
     * The register lines the township's open campaigns list, still to be surveyed, as the form's text
     * cells (no registry id: each is a new organization): the templates and the phone's offline copy list them.
     */
    List<List<String>> registerRows(String township) {
        String townshipName = divisions.township(township).map(Township::name).orElse(township);
        List<List<String>> rows = new ArrayList<>();
        for (cn.liangxin.register.Registers.ToSurvey line : registers.toSurvey(township)) {
            rows.add(row(line, townshipName));
        }
        return rows;
    }

    /** A register line to survey as the form's text cells: what the register says, the rest for the clerk. */
    private static List<String> row(cn.liangxin.register.Registers.ToSurvey line, String township) {
        String[] r = new String[SurveyColumn.values().length + 1];
        java.util.Arrays.fill(r, "");
        r[SurveyColumn.NAME.ordinal()] = line.name();
        r[SurveyColumn.USCC.ordinal()] = text(line.uscc());
        r[SurveyColumn.KIND.ordinal()] = line.kind() == null ? "" : Explanations.label(line.kind());
        r[SurveyColumn.TOWNSHIP.ordinal()] = township;
        r[SurveyColumn.ADDRESS.ordinal()] = text(line.address());
        r[SurveyColumn.STATUS.ordinal()] = Explanations.label(cn.liangxin.organization.Status.OPERATING);
        r[SurveyColumn.NOTES.ordinal()] = Msg.t("survey.template.fromRegister", Msg.of("register.source.", line.source()),
                line.asOf());
        return List.of(r);
    }

    /** One organization as the form's text cells, the registry id last. */
    List<String> row(Organization o, CoveredBy by) {
        List<String> r = new ArrayList<>(27);
        r.add(o.name);
        r.add(text(o.uscc));
        r.add(Explanations.label(o.kind));
        r.add(divisions.township(o.townshipCode).map(Township::name).orElse(o.townshipCode));
        r.add(text(o.community));
        r.add(text(o.address));
        r.add(text(o.building));
        r.add(text(o.industry));
        r.add(Msg.yesNo("aboveScale", o.aboveScale));
        r.add(Explanations.label(o.status));
        r.add(String.valueOf(o.headcount));
        r.add(String.valueOf(o.formalMembers));
        r.add(String.valueOf(o.membersElsewhere));
        r.add(String.valueOf(o.probationaryMembers));
        r.add(String.valueOf(o.activists));
        r.add(Msg.yesNo("ownerIsMember", o.ownerIsMember));
        r.add(o.ownerAttitude == null ? "" : Explanations.label(o.ownerAttitude));
        r.add(Msg.yesNo("secretaryCandidate", o.secretaryCandidate));
        r.add(choice(SurveyColumn.PARTY_STATUS, status(by)));
        r.add(by == null || by.formation() == Formation.INDEPENDENT ? "" : by.name());
        r.add(o.massOrganizations.isBlank() ? "" : Arrays.stream(o.massOrganizations.split(","))
                .map(m -> Explanations.label(cn.liangxin.organization.MassOrganization.valueOf(m)))
                .collect(Collectors.joining("、")));
        r.add(text(o.instructor));
        r.add(o.plannedFormationOn == null ? "" : o.plannedFormationOn.toString());
        r.add(text(o.notPlannedReason));
        r.add(text(o.responsible));
        r.add(text(o.notes));
        r.add(String.valueOf(o.id));
        return r;
    }

    private static PartyStatus status(CoveredBy by) {
        if (by == null) return PartyStatus.NONE;
        if (by.formation() == Formation.RELIANT) return PartyStatus.RELIANT;
        if (by.formation() != Formation.INDEPENDENT) return PartyStatus.JOINT_BRANCH;
        return by.level() == PartyLevel.COMMITTEE ? PartyStatus.OWN_COMMITTEE
                : by.level() == PartyLevel.GENERAL_BRANCH ? PartyStatus.OWN_GENERAL_BRANCH : PartyStatus.OWN_BRANCH;
    }

    private static String choice(SurveyColumn c, Enum<?> value) {
        return Explanations.text("survey.col." + c.key() + ".choices").split("、")[value.ordinal()];
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }


}
