package cn.liangxin.survey;

import cn.liangxin.rules.Explanations;
import cn.liangxin.web.Msg;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.DataValidationErrorStyle;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Writes the survey form (摸底登记表) as .xlsx or CSV: blank with an example row, or pre-filled. */
public final class SurveyTemplate {

    private static final Set<SurveyColumn> COUNTS = EnumSet.of(SurveyColumn.HEADCOUNT, SurveyColumn.FORMAL_MEMBERS,
            SurveyColumn.MEMBERS_ELSEWHERE, SurveyColumn.PROBATIONARY_MEMBERS, SurveyColumn.ACTIVISTS);
    private static final String DATE_FORMAT = "yyyy-mm-dd";
    private static final String RED = "FFC00000";
    private static final String HEADER_FILL = "FFDDEBF7";
    /** Rows below the data that still get the drop-down lists, for the clerk to add organizations. */
    private static final int SPARE_ROWS = 1000;
    private static final int REGISTRY_ID = SurveyColumn.values().length;
    private static final int FLUSH_EVERY = 1000;

    private SurveyTemplate() {
    }

    /** The headers of the form in order, a trailing * on the required ones. */
    public static List<String> headers() {
        return SurveyColumn.all().stream().map(c -> Msg.t("survey.col." + c.key()) + (c.required() ? "*" : "")).toList();
    }

    /** The example row of a blank form, one text per column; its name starts with {@link SurveyParser#EXAMPLE_MARK}. */
    static List<String> example() {
        return SurveyColumn.all().stream().map(c -> text("survey.template.example." + c.key())).toList();
    }

    /**
     * The .xlsx form: sheet 1 the header, then the example row when {@code rows} is empty, else the rows
     * (texts in column order; with {@code withRegistryId} a 27th, hidden column of registry ids); sheet 2
     * the instructions.
     */
    public static void writeXlsx(OutputStream out, List<List<String>> rows, boolean withRegistryId) throws IOException {
        Workbook book = new Workbook(out, "liangxin", "1.0");
        Worksheet ws = book.newWorksheet(Msg.t("survey.template.sheet"));
        List<String> headers = headers();
        int width = headers.size() + (withRegistryId ? 1 : 0);
        for (SurveyColumn column : SurveyColumn.values()) {
            int c = column.ordinal();
            ws.width(c, width(column, headers.get(c)));
            String note = text("survey.col." + column.key() + ".note");
            if (column.required()) {
                ws.comment(0, c, Msg.t("survey.template.comment.required", note));
            } else if (!note.isEmpty()) {
                ws.comment(0, c, note);
            }
        }
        // Everything about columns and panes comes before the first row is flushed.
        ws.style(SurveyColumn.USCC.ordinal()).format("@").set();
        ws.style(SurveyColumn.PLANNED_FORMATION_ON.ordinal()).format(DATE_FORMAT).set();
        if (withRegistryId) {
            ws.hideColumn(REGISTRY_ID);
        }
        // Header and name stay in view while the clerk scrolls across 26 columns and down many rows.
        ws.freezePane(1, 1);
        ws.rowHeight(0, 48);
        for (int c = 0; c < width; c++) {
            boolean required = c < REGISTRY_ID && SurveyColumn.values()[c].required();
            ws.value(0, c, c < REGISTRY_ID ? headers.get(c) : SurveyColumn.REGISTRY_ID_HEADER);
            ws.style(0, c).bold().fontColor(required ? RED : "FF000000").wrapText(true).horizontalAlignment("center")
                    .verticalAlignment("center").fillColor(HEADER_FILL).borderStyle("thin").set();
        }

        int lastRow = Math.max(rows.size(), 1) + SPARE_ROWS;
        for (SurveyColumn column : SurveyColumn.values()) {
            String key = "survey.col." + column.key() + ".choices";
            if (Explanations.has(key)) {
                // An inline list needs no extra sheet; a warning (not a stop) lets a clerk keep a variant
                // the import still understands, such as a traditional character.
                ws.range(1, column.ordinal(), lastRow, column.ordinal())
                        .validateWithListByFormula('"' + String.join(",", choices(key)) + '"')
                        .allowBlank(true).showDropdown(true).errorStyle(DataValidationErrorStyle.WARNING)
                        .showErrorMessage(true).errorTitle(Msg.t("survey.template.choose.title"))
                        .error(Msg.t("survey.template.choose.error"));
            }
        }
        if (rows.isEmpty()) {
            putRow(ws, 1, example());
            ws.range(1, 0, 1, headers.size() - 1).style().italic().fontColor("FF808080").set();
        }
        for (int r = 0; r < rows.size(); r++) {
            putRow(ws, r + 1, rows.get(r));
            if (r % FLUSH_EVERY == FLUSH_EVERY - 1) {
                ws.flush(); // a county-wide form need not sit in memory whole
            }
        }
        writeGuide(book.newWorksheet(Msg.t("survey.template.guideSheet")), withRegistryId);
        book.finish();
    }

    private static void putRow(Worksheet ws, int r, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            String text = cells.get(c);
            if (text == null || text.isEmpty()) {
                continue;
            }
            SurveyColumn column = c < REGISTRY_ID ? SurveyColumn.values()[c] : null;
            // Counts and dates as Excel's own types: no "number stored as text" flags, dates sort.
            if (COUNTS.contains(column) && text.matches("\\d{1,15}")) {
                ws.value(r, c, Long.parseLong(text));
            } else if (column == SurveyColumn.PLANNED_FORMATION_ON && date(text) != null) {
                ws.value(r, c, date(text));
                ws.style(r, c).format(DATE_FORMAT).set();
            } else {
                ws.value(r, c, text);
            }
        }
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void writeGuide(Worksheet ws, boolean withRegistryId) {
        ws.width(0, 6);
        ws.width(1, 28);
        ws.width(2, 10);
        ws.width(3, 56);
        ws.width(4, 56);
        ws.value(0, 0, Msg.t("survey.template.guide.title"));
        ws.style(0, 0).bold().fontSize(14).set();
        ws.value(2, 0, Msg.t("survey.template.guide.rules"));
        ws.style(2, 0).bold().set();
        List<String> rules = new ArrayList<>();
        for (int i = 1; Explanations.has("survey.template.rule." + i); i++) {
            rules.add(Msg.t("survey.template.rule." + i));
        }
        if (withRegistryId) {
            rules.add(Msg.t("survey.template.rule.registryId", SurveyColumn.REGISTRY_ID_HEADER));
        }
        int r = 3;
        for (int i = 0; i < rules.size(); i++, r++) {
            ws.value(r, 0, i + 1);
            ws.value(r, 1, rules.get(i));
        }
        r++;
        ws.value(r, 0, Msg.t("survey.template.guide.columns"));
        ws.style(r, 0).bold().set();
        r++;
        String[] head = {"number", "header", "required", "note", "choices"};
        for (int c = 0; c < head.length; c++) {
            ws.value(r, c, Msg.t("survey.template.guide." + head[c]));
        }
        ws.range(r, 0, r, head.length - 1).style().bold().fillColor(HEADER_FILL).borderStyle("thin").set();
        List<String> headers = headers();
        for (SurveyColumn column : SurveyColumn.values()) {
            r++;
            ws.value(r, 0, column.number());
            ws.value(r, 1, headers.get(column.ordinal()));
            ws.value(r, 2, Msg.t(column.required() ? "survey.template.required" : "survey.template.optional"));
            ws.value(r, 3, text("survey.col." + column.key() + ".note"));
            ws.value(r, 4, text("survey.col." + column.key() + ".choices"));
        }
        ws.range(r - SurveyColumn.values().length + 1, 0, r, head.length - 1).style()
                .wrapText(true).verticalAlignment("top").borderStyle("thin").set();
    }

    /** The CSV form, UTF-8 with a BOM (Excel then reads the Chinese right): the header, then the example or the rows. */
    public static void writeCsv(OutputStream out, List<List<String>> rows) throws IOException {
        // registry text goes back out here: the one CSV writer makes a formula-like name inert
        cn.liangxin.export.Csv csv = cn.liangxin.export.Csv.open(out);
        List<String> headers = new ArrayList<>(headers());
        if (rows.stream().anyMatch(row -> row.size() > REGISTRY_ID)) {
            headers.add(SurveyColumn.REGISTRY_ID_HEADER);
        }
        csv.row(headers);
        for (List<String> row : rows.isEmpty() ? List.of(example()) : rows) {
            csv.row(row);
        }
        csv.flush();
    }

    private static List<String> choices(String key) {
        return List.of(Msg.t(key).split("\u3001")); // 、, the separator of the bundle's choices
    }

    /** A column wide enough for its header on two or three lines, wider for long free text. */
    private static double width(SurveyColumn column, String header) {
        return switch (column) {
            case NAME -> 34;
            case ADDRESS, NOT_PLANNED_REASON -> 30;
            case PARTY_ORGANIZATION, NOTES -> 26;
            case USCC -> 22;
            case PLANNED_FORMATION_ON -> 12;
            case KIND, PARTY_STATUS, BUILDING, MASS_ORGANIZATIONS -> 18;
            default -> Math.max(10, Math.min(16, header.length() + 2));
        };
    }

    private static String text(String key) {
        return Explanations.has(key) ? Msg.t(key) : "";
    }
}
