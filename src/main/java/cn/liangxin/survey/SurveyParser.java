package cn.liangxin.survey;

import cn.liangxin.spreadsheet.*;
import cn.liangxin.division.Township;
import cn.liangxin.organization.Kind;
import cn.liangxin.organization.MassOrganization;
import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.organization.OwnerAttitude;
import cn.liangxin.organization.Status;
import cn.liangxin.rules.Explanations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the header row of an uploaded survey (by name, in any order, a title row above tolerated)
 * and reads each data row into typed values, collecting every problem with its cell.
 */
final class SurveyParser {

    /** Rows whose name starts so are the template's example and are skipped. */
    static final String EXAMPLE_MARK = "（示例）";
    /** How many rows a header may be preceded by (titles, notes). */
    static final int HEADER_SEARCH_ROWS = 10;

    /** The columns found in the header row: index → column, the registry id column, unknown headers. */
    record Header(String sheet, int row, Map<Integer, SurveyColumn> columns, Integer registryId, List<String> unknown,
                  Map<SurveyColumn, Integer> index) {
        Header(String sheet, int row, Map<Integer, SurveyColumn> columns, Integer registryId, List<String> unknown) {
            this(sheet, row, columns, registryId, unknown, new java.util.EnumMap<>(SurveyColumn.class));
            columns.forEach((i, c) -> index.put(c, i));
        }

        boolean has(SurveyColumn c) {
            return columns.containsValue(c);
        }

        /** The index of a column's cells, or null when the file lacks it. */
        Integer columnOf(SurveyColumn c) {
            return index.get(c);
        }
    }

    private static final Map<String, SurveyColumn> BY_HEADER = new HashMap<>();
    private static final Map<SurveyColumn, Map<String, Enum<?>>> CHOICES = new HashMap<>();
    private static final Map<String, String> INDUSTRY = new HashMap<>();
    private static final Map<String, MassOrganization> MASS = new HashMap<>();
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s");
    private static final java.util.regex.Pattern MASS_SEPARATORS = java.util.regex.Pattern.compile("[、,，;；/\\s]+");

    static {
        for (SurveyColumn c : SurveyColumn.values()) {
            BY_HEADER.put(headerKey(Explanations.text("survey.col." + c.key())), c);
            BY_HEADER.put(headerKey(c.key()), c);
        }
        for (MassOrganization m : MassOrganization.values()) {
            MASS.put(Typed.key(Explanations.label(m)), m);
        }
        choices(SurveyColumn.KIND, Kind.values());
        choices(SurveyColumn.STATUS, Status.values());
        choices(SurveyColumn.OWNER_ATTITUDE, OwnerAttitude.values());
        choices(SurveyColumn.PARTY_STATUS, PartyStatus.values());
        for (char letter = 'A'; letter <= 'T'; letter++) {
            INDUSTRY.put(String.valueOf(letter), String.valueOf(letter));
            INDUSTRY.put(Typed.key(Explanations.text("industry." + letter)), String.valueOf(letter));
        }
    }

    private SurveyParser() {
    }

    /** A header as compared: no spaces, no trailing *, half-width brackets, simplified, lower case. */
    static String headerKey(String cell) {
        return Typed.key(cell).replaceAll("[*]+$", "").toLowerCase(Locale.ROOT);
    }

    /** The header row, if this row is one: at least three cells name known columns. */
    static Optional<Header> header(SheetRow r) {
        Map<Integer, SurveyColumn> columns = new LinkedHashMap<>();
        Integer registryId = null;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < r.cells().size(); i++) {
            String cell = r.cell(i);
            if (cell.isBlank()) {
                continue;
            }
            String k = headerKey(cell);
            SurveyColumn c = BY_HEADER.get(k);
            if (c != null && !columns.containsValue(c)) {
                columns.put(i, c);
            } else if (k.equals(headerKey(SurveyColumn.REGISTRY_ID_HEADER)) || k.equals(SurveyColumn.REGISTRY_ID_ALIAS)) {
                registryId = i;
            } else {
                unknown.add(cell.strip());
            }
        }
        return columns.size() >= 3 ? Optional.of(new Header(r.sheet(), r.number(), columns, registryId, unknown))
                : Optional.empty();
    }

    /** Reads one data row; townships are looked up among those the uploader may change. */
    static ParsedRow parse(Header h, SheetRow r, Function<String, Optional<Township>> townships) {
        Cells cells = new Cells(h, r);
        for (var e : h.columns().entrySet()) {
            if (!cn.liangxin.web.CleanText.ok(r.cell(e.getKey()))) {
                cells.error(e.getValue(), r.cell(e.getKey()).replaceAll("\\p{Cntrl}", "?"),
                        Explanations.text("error.text.unclean"));
            }
        }
        String name = cells.text(SurveyColumn.NAME);
        Long registryId = null;
        if (h.registryId() != null && !r.cell(h.registryId()).isBlank()) {
            String raw = r.cell(h.registryId());
            Optional<Integer> id = Typed.count(raw);
            if (id.isPresent()) {
                registryId = id.get().longValue();
            } else {
                cells.error(SurveyColumn.REGISTRY_ID_HEADER, raw, Explanations.text("survey.row.registryId"));
            }
        }
        // the kind may be left out where the USCC says it
        boolean kindFromUscc = Kind.of(cells.raw(SurveyColumn.USCC)).isPresent();
        for (SurveyColumn c : h.columns().values()) {
            if (c.required() && cells.raw(c).isBlank() && !(c == SurveyColumn.KIND && kindFromUscc)) {
                cells.error(c, "", Explanations.text("survey.row.required"));
            }
        }
        Kind kind = cells.choice(SurveyColumn.KIND, Kind.class);
        Township township = null;
        String townshipText = cells.raw(SurveyColumn.TOWNSHIP);
        if (!townshipText.isBlank()) {
            township = townships.apply(townshipText).orElse(null);
            if (township == null) {
                cells.error(SurveyColumn.TOWNSHIP, townshipText, Explanations.text("survey.row.township", townshipText));
            }
        }
        String industry = null;
        String industryText = cells.raw(SurveyColumn.INDUSTRY);
        if (!industryText.isBlank()) {
            String k = Typed.key(industryText);
            industry = INDUSTRY.getOrDefault(k.toUpperCase(Locale.ROOT), INDUSTRY.get(k));
            if (industry == null) {
                cells.error(SurveyColumn.INDUSTRY, industryText, Explanations.text("survey.row.industry"));
            }
        }
        Set<MassOrganization> mass = EnumSet.noneOf(MassOrganization.class);
        String massText = cells.raw(SurveyColumn.MASS_ORGANIZATIONS);
        for (String part : massText.isBlank() ? new String[0] : MASS_SEPARATORS.split(massText)) {
            if (part.isBlank() || Typed.key(part).equals(Typed.key(Explanations.text("survey.row.none")))) {
                continue;
            }
            Optional<MassOrganization> m = Optional.ofNullable(MASS.get(Typed.key(part)));
            if (m.isPresent()) {
                mass.add(m.get());
            } else {
                cells.error(SurveyColumn.MASS_ORGANIZATIONS, massText, Explanations.text("survey.row.mass", part.strip()));
            }
        }
        PartyStatus party = cells.choice(SurveyColumn.PARTY_STATUS, PartyStatus.class);
        String partyName = cells.text(SurveyColumn.PARTY_ORGANIZATION);
        if ((party == PartyStatus.JOINT_BRANCH || party == PartyStatus.RELIANT) && partyName == null) {
            cells.error(SurveyColumn.PARTY_ORGANIZATION, "", Explanations.text("survey.row.partyNameRequired"));
        }
        OrganizationInput input = new OrganizationInput(name, cells.text(SurveyColumn.USCC) == null ? null
                : WHITESPACE.matcher(cells.text(SurveyColumn.USCC)).replaceAll(""), kind,
                township == null ? townshipText : township.code(), cells.text(SurveyColumn.COMMUNITY),
                cells.text(SurveyColumn.ADDRESS), cells.text(SurveyColumn.BUILDING), industry,
                cells.yesNo(SurveyColumn.ABOVE_SCALE), cells.choice(SurveyColumn.STATUS, Status.class),
                cells.count(SurveyColumn.HEADCOUNT), cells.count(SurveyColumn.FORMAL_MEMBERS),
                cells.count(SurveyColumn.PROBATIONARY_MEMBERS), cells.count(SurveyColumn.MEMBERS_ELSEWHERE),
                cells.count(SurveyColumn.ACTIVISTS), cells.yesNo(SurveyColumn.OWNER_IS_MEMBER),
                cells.choice(SurveyColumn.OWNER_ATTITUDE, OwnerAttitude.class), cells.yesNo(SurveyColumn.SECRETARY_CANDIDATE),
                mass, cells.text(SurveyColumn.INSTRUCTOR), cells.date(SurveyColumn.PLANNED_FORMATION_ON),
                cells.text(SurveyColumn.NOT_PLANNED_REASON), cells.text(SurveyColumn.RESPONSIBLE),
                cells.text(SurveyColumn.NOTES), null, null);
        Set<SurveyColumn> present = EnumSet.noneOf(SurveyColumn.class);
        present.addAll(h.columns().values());
        return new ParsedRow(r.sheet(), r.number(), name, registryId, input, party, partyName, present,
                cells.errors, cells.warnings);
    }

    /** The header text of a column as a clerk sees it, for messages. */
    static String header(SurveyColumn c) {
        return Explanations.text("survey.col." + c.key());
    }

    private static void choices(SurveyColumn column, Enum<?>[] constants) {
        String[] labels = Explanations.text("survey.col." + column.key() + ".choices").split("、");
        Map<String, Enum<?>> map = new HashMap<>();
        for (int i = 0; i < constants.length; i++) {
            map.put(Typed.key(labels[i]), constants[i]);
            map.put(Typed.key(constants[i].name()).toLowerCase(Locale.ROOT), constants[i]);
        }
        CHOICES.put(column, map);
    }

    /** The cells of one row, read by column, problems collected. */
    private static final class Cells {
        final Header h;
        final SheetRow r;
        final Map<SurveyColumn, Integer> index;
        final List<CellProblem> errors = new ArrayList<>();
        final List<CellProblem> warnings = new ArrayList<>();

        Cells(Header h, SheetRow r) {
            this.h = h;
            this.r = r;
            this.index = h.index();
        }

        String raw(SurveyColumn c) {
            Integer i = index.get(c);
            return i == null ? "" : r.cell(i);
        }

        String text(SurveyColumn c) {
            String s = raw(c).strip();
            return s.isEmpty() ? null : s;
        }

        void error(SurveyColumn c, String value, String message) {
            error(header(c), value, message);
        }

        void error(String column, String value, String message) {
            errors.add(new CellProblem(r.sheet(), r.number(), column, value, message));
        }

        Integer count(SurveyColumn c) {
            String s = raw(c);
            if (s.isBlank()) {
                return null;
            }
            Optional<Integer> n = Typed.count(s);
            if (n.isEmpty()) {
                error(c, s, Explanations.text("survey.row.count"));
            }
            return n.orElse(null);
        }

        Boolean yesNo(SurveyColumn c) {
            String s = raw(c);
            if (s.isBlank()) {
                return null;
            }
            Optional<Boolean> b = Typed.yesNo(s);
            if (b.isEmpty()) {
                error(c, s, Explanations.text("survey.row.yesNo"));
            }
            return b.orElse(null);
        }

        LocalDate date(SurveyColumn c) {
            String s = raw(c);
            if (s.isBlank()) {
                return null;
            }
            Optional<LocalDate> d = Typed.date(s);
            if (d.isEmpty()) {
                error(c, s, Explanations.text("survey.row.date"));
            }
            return d.orElse(null);
        }

        <E extends Enum<E>> E choice(SurveyColumn c, Class<E> type) {
            String s = raw(c);
            if (s.isBlank()) {
                return null;
            }
            Enum<?> e = CHOICES.get(c).get(Typed.key(s));
            if (e == null) {
                e = CHOICES.get(c).get(Typed.key(s).toLowerCase(Locale.ROOT));
            }
            if (e == null) {
                error(c, s, Explanations.text("survey.row.choice",
                        Explanations.text("survey.col." + c.key() + ".choices").replace("、", "/")));
                return null;
            }
            return type.cast(e);
        }
    }
}
