package cn.liangxin.survey;

import cn.liangxin.spreadsheet.*;
import cn.liangxin.division.Township;
import cn.liangxin.organization.MassOrganization;
import cn.liangxin.rules.Explanations;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The survey form for one organization, for a phone in the field: the same 26 columns as the
 * spreadsheet, with the same checks, preview and commit — what it sends is read as a one-row file.
 */
final class SurveyForm {

    /** The sheet name the form's row is reported under. */
    static final String SHEET = "表单";

    private static final Set<SurveyColumn> COUNTS = EnumSet.of(SurveyColumn.HEADCOUNT, SurveyColumn.FORMAL_MEMBERS,
            SurveyColumn.MEMBERS_ELSEWHERE, SurveyColumn.PROBATIONARY_MEMBERS, SurveyColumn.ACTIVISTS);
    private static final Set<SurveyColumn> LONG_TEXT = EnumSet.of(SurveyColumn.NOT_PLANNED_REASON, SurveyColumn.NOTES);

    private SurveyForm() {
    }

    /** How a column is entered. */
    enum Input { TEXT, NUMBER, DATE, CHOICE, CHECKS, LONG_TEXT }

    /** A choice of a drop-down list or a check box. */
    record Choice(String value, String label) {
    }

    /** One field of the form as the page draws it. */
    record Field(String key, String label, String note, Input input, boolean required, List<Choice> choices,
                 String value, Set<String> checked, String error) {
    }

    /**
     * The form's fields with the values given (by column key; mass organizations as a 、-separated
     * list) and errors (by column key).
     */
    static List<Field> fields(Function<String, String> values, Map<String, String> errors, List<Township> townships) {
        List<Field> fields = new ArrayList<>();
        for (SurveyColumn c : SurveyColumn.values()) {
            String key = c.key();
            String base = "survey.col." + key;
            String note = Explanations.has(base + ".note") ? Explanations.text(base + ".note") : null;
            List<Choice> choices = new ArrayList<>();
            Input input;
            if (c == SurveyColumn.TOWNSHIP) {
                input = Input.CHOICE;
                townships.forEach(t -> choices.add(new Choice(t.code(), t.name())));
                note = null;
            } else if (c == SurveyColumn.INDUSTRY) {
                input = Input.CHOICE;
                for (char letter = 'A'; letter <= 'T'; letter++) {
                    String l = String.valueOf(letter);
                    choices.add(new Choice(l, l + " " + Explanations.text("industry." + l)));
                }
                note = null;
            } else if (c == SurveyColumn.MASS_ORGANIZATIONS) {
                input = Input.CHECKS;
                for (MassOrganization m : MassOrganization.values()) {
                    choices.add(new Choice(Explanations.label(m), Explanations.label(m)));
                }
                note = null;
            } else if (Explanations.has(base + ".choices")) {
                input = Input.CHOICE;
                for (String label : Explanations.text(base + ".choices").split("、")) {
                    choices.add(new Choice(label, label));
                }
                note = null;
            } else if (COUNTS.contains(c)) {
                input = Input.NUMBER;
            } else if (c == SurveyColumn.PLANNED_FORMATION_ON) {
                input = Input.DATE;
                note = null;
            } else {
                input = LONG_TEXT.contains(c) ? Input.LONG_TEXT : Input.TEXT;
            }
            String value = values.apply(key);
            Set<String> checked = Set.of();
            if (input == Input.CHECKS && value != null && !value.isBlank()) {
                checked = Set.of(value.split("[、,，]"));
            }
            fields.add(new Field(key, Explanations.text(base), note, input, c.required(), choices, value == null ? "" : value,
                    checked, errors.get(key)));
        }
        return fields;
    }

    /** The text of a choice as the form and the spreadsheet show it. */
    static String choice(SurveyColumn c, Enum<?> value) {
        return Explanations.text("survey.col." + c.key() + ".choices").split("、")[value.ordinal()];
    }

    /** The column key a problem's header names. */
    static String key(String header) {
        for (SurveyColumn c : SurveyColumn.values()) {
            if (SurveyParser.header(c).equals(header)) {
                return c.key();
            }
        }
        return SurveyColumn.NAME.key();
    }

    /** What the form sent, as a file of a header row and one data row (the registry id last, when given). */
    static RowSource rows(Function<String, String> values, Long registryId) {
        return rows("FORM", List.of(new Entry(null, values, registryId)));
    }

    /**
     * One organization's answers sent from the field: the form's values by column key, the registry
     * id of the organization it was pre-filled from (null for a new one) and the version of it the
     * device had (null when not known), and the id the device gave it (null from the online form).
     */
    record Entry(String clientId, Function<String, String> values, Long registryId, Integer registryVersion) {

        Entry(String clientId, Function<String, String> values, Long registryId) {
            this(clientId, values, registryId, null);
        }
    }

    /**
     * Entries as a file of {@code format}: a header row, then entry i on row i + 2 (a blank one is
     * skipped like a blank row of a file, and has no row in the preview).
     */
    static RowSource rows(String format, List<Entry> entries) {
        List<String> header = new ArrayList<>();
        for (SurveyColumn c : SurveyColumn.values()) {
            header.add(SurveyParser.header(c));
        }
        header.add(SurveyColumn.REGISTRY_ID_HEADER);
        List<SheetRow> rows = new ArrayList<>();
        rows.add(new SheetRow(SHEET, 1, header));
        for (Entry e : entries) {
            List<String> row = new ArrayList<>();
            for (SurveyColumn c : SurveyColumn.values()) {
                String v = e.values().apply(c.key());
                row.add(v == null ? "" : v);
            }
            row.add(e.registryId() == null ? "" : String.valueOf(e.registryId()));
            rows.add(new SheetRow(SHEET, rows.size() + 1, row));
        }
        Iterator<SheetRow> it = rows.iterator();
        return new RowSource() {
            @Override
            public String format() {
                return format;
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public SheetRow next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
