package cn.liangxin.survey;

import cn.liangxin.division.Township;
import cn.liangxin.organization.CoveredBy;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.Organizations;
import cn.liangxin.security.Scope;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the phone form needs to work without a connection, copied to the phone whenever it is
 * online: the caller's townships, the choices of the form's lists, and her registry organizations
 * with their version and the answers the form is pre-filled with (as the form and the template
 * write them).
 */
@ApplicationScoped
public class OfflineData {

    private final Scope scope;
    private final Organizations organizations;
    private final SurveyTemplates templates;

    public OfflineData(Scope scope, Organizations organizations, SurveyTemplates templates) {
        this.scope = scope;
        this.organizations = organizations;
        this.templates = templates;
    }

    /**
     * The copy: when it was made, the townships, the choices by column key, the organizations by name,
     * and the register lines her open campaigns list, still to be surveyed (id 0: a new organization
     * pre-filled from the register), as the survey templates list them.
     */
    public record Copy(Instant madeAt, List<TownshipItem> townships, Map<String, List<ChoiceItem>> choices,
                       List<OrganizationItem> organizations, List<OrganizationItem> registerLines) {
    }

    /** A choice of one of the form's lists: the value the form sends, the text it shows. */
    public record ChoiceItem(String value, String label) {
    }

    public record TownshipItem(String code, String name) {
    }

    /**
     * One registry organization: its id and version (sent back with an entry pre-filled from it,
     * so that a later change shows), the fields the search shows, and the form's answers by column key.
     */
    public record OrganizationItem(long id, int version, String name, String uscc, String townshipCode,
                                   String community, Map<String, String> values) {
    }

    /** The caller's copy; refused (403) to whoever may not survey. */
    Copy copy() {
        scope.requireRegistryChanges();
        List<Township> townships = scope.townships();
        Map<String, List<ChoiceItem>> choices = new LinkedHashMap<>();
        for (SurveyForm.Field f : SurveyForm.fields(key -> null, Map.of(), townships)) {
            if (!f.choices().isEmpty()) {
                choices.put(f.key(), f.choices().stream().map(c -> new ChoiceItem(c.value(), c.label())).toList());
            }
        }
        List<OrganizationItem> items = new ArrayList<>();
        if (!townships.isEmpty()) {
            List<Organization> orgs = Organization.list("countyCode in ?1 and townshipCode in ?2 order by name, id",
                    townships.stream().map(Township::countyCode).distinct().toList(), townships.stream().map(Township::code).toList());
            Map<Long, CoveredBy> covered = organizations.coverage(orgs);
            for (Organization o : orgs) {
                List<String> cells = templates.row(o, covered.get(o.id));
                Map<String, String> values = new LinkedHashMap<>();
                for (SurveyColumn c : SurveyColumn.values()) {
                    values.put(c.key(), cells.get(c.ordinal()));
                }
                // the form's list of townships is by code, as the form pre-filled online
                values.put(SurveyColumn.TOWNSHIP.key(), o.townshipCode);
                items.add(new OrganizationItem(o.id, o.version, o.name, o.uscc, o.townshipCode, o.community, values));
            }
        }
        List<OrganizationItem> lines = new ArrayList<>();
        for (Township t : townships) {
            for (List<String> cells : templates.registerRows(t.code())) {
                Map<String, String> values = new LinkedHashMap<>();
                for (SurveyColumn c : SurveyColumn.values()) {
                    values.put(c.key(), cells.get(c.ordinal()));
                }
                values.put(SurveyColumn.TOWNSHIP.key(), t.code());
                String uscc = cells.get(SurveyColumn.USCC.ordinal());
                lines.add(new OrganizationItem(0, 0, cells.get(SurveyColumn.NAME.ordinal()), uscc.isEmpty() ? null : uscc,
                        t.code(), null, values));
            }
        }
        return new Copy(Instant.now(), townships.stream().map(t -> new TownshipItem(t.code(), t.name())).toList(),
                choices, items, lines);
    }
}
