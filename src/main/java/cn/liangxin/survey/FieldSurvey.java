package cn.liangxin.survey;

import cn.liangxin.division.Township;
import cn.liangxin.organization.CoveredBy;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.Organizations;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey form as a field app outside this service needs it (ODK Collect through OpenRosa): its
 * questions as the phone form derives them from the survey columns, the registry rows a form
 * pre-fills from, and an entry sent from the field read into a pending preview like the phone
 * form's outbox. Choice values are the texts the spreadsheet takes.
 */
@ApplicationScoped
public class FieldSurvey {

    /** How a question is answered. */
    public enum Input { TEXT, LONG_TEXT, NUMBER, DATE, ONE, MANY }

    /** A choice: the value the survey reads, and the label shown. */
    public record Choice(String value, String label) {
    }

    /** One question of the form: the column's key, its Chinese label and hint, and its choices. */
    public record Question(String key, String label, String hint, Input input, boolean required, List<Choice> choices) {
    }

    private final SurveyImports imports;
    private final SurveyTemplates templates;
    private final Organizations organizations;
    private final Campaigns campaigns;
    private final cn.liangxin.security.Scope scope;

    public FieldSurvey(SurveyImports imports, SurveyTemplates templates, Organizations organizations, Campaigns campaigns,
                       cn.liangxin.security.Scope scope) {
        this.scope = scope;
        this.imports = imports;
        this.templates = templates;
        this.organizations = organizations;
        this.campaigns = campaigns;
    }

    /** The form's questions in column order, the township limited to those given. */
    public List<Question> questions(List<Township> townships) {
        List<Question> out = new ArrayList<>();
        for (SurveyForm.Field f : SurveyForm.fields(key -> null, Map.of(), townships)) {
            Input input = switch (f.input()) {
                case TEXT -> Input.TEXT;
                case LONG_TEXT -> Input.LONG_TEXT;
                case NUMBER -> Input.NUMBER;
                case DATE -> Input.DATE;
                case CHOICE -> Input.ONE;
                case CHECKS -> Input.MANY;
            };
            String hint = f.note() == null || f.note().isBlank() ? null : f.note();
            out.add(new Question(f.key(), f.label(), hint, input, f.required(),
                    f.choices().stream().map(c -> new Choice(c.value(), c.label())).toList()));
        }
        return out;
    }

    /**
     * The party statuses (as the survey reads them) under which the party organization's name must
     * be given: a joint branch, or one relied on.
     */
    public List<String> partyNameRequiredFor() {
        return List.of(SurveyForm.choice(SurveyColumn.PARTY_STATUS, PartyStatus.JOINT_BRANCH),
                SurveyForm.choice(SurveyColumn.PARTY_STATUS, PartyStatus.RELIANT));
    }

    /**
     * The registry organizations of these townships in name order, each as the form's values by
     * column key (the township by its code, mass organizations 、-separated) and its registry id
     * under {@code id}.
     */
    public List<Map<String, String>> registry(List<Township> townships) {
        if (townships.isEmpty()) {
            return List.of();
        }
        List<Organization> orgs = Organization.list("countyCode in ?1 and townshipCode in ?2 order by name, id",
                townships.stream().map(Township::countyCode).distinct().toList(), townships.stream().map(Township::code).toList());
        Map<Long, CoveredBy> covered = organizations.coverage(orgs);
        List<Map<String, String>> out = new ArrayList<>(orgs.size());
        for (Organization o : orgs) {
            List<String> cells = templates.row(o, covered.get(o.id));
            Map<String, String> values = new LinkedHashMap<>();
            values.put("id", String.valueOf(o.id));
            for (SurveyColumn c : SurveyColumn.values()) {
                values.put(c.key(), cells.get(c.ordinal()));
            }
            values.put(SurveyColumn.TOWNSHIP.key(), o.townshipCode);
            out.add(values);
        }
        return out;
    }

    /**
     * One form sent from the field ({@code format} names the app, e.g. ODK) by the id its device gave
     * it, under the campaign under way: it joins the account's open preview of that app (see
     * {@link SurveyImports#previewInBatch}). The county is the request's ({@code countyCode}, or the
     * caller's only one).
     */
    public SurveyImports.FieldResult send(String format, String clientId, Map<String, String> values, Long registryId) {
        String county = scope.requestCounty();
        Long campaign = campaigns.open().stream().filter(c -> c.countyCode().equals(county)).findFirst()
                .map(Campaign::id).orElse(null);
        return imports.previewInBatch(format, clientId, values, registryId, campaign);
    }
}
