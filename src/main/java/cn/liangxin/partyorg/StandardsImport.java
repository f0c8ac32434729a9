package cn.liangxin.partyorg;

import cn.liangxin.spreadsheet.RowSource;
import cn.liangxin.spreadsheet.SheetRow;
import cn.liangxin.spreadsheet.SurveyFileException;
import cn.liangxin.spreadsheet.SurveyFiles;
import cn.liangxin.spreadsheet.Typed;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 五个一 checklists from a spreadsheet (.xlsx, .xls or .csv): one row per party organization, found by
 * its number or its name. Every row is checked first; one bad cell refuses the whole file, with
 * the row and column of each problem, and nothing is written.
 */
@ApplicationScoped
public class StandardsImport {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** The columns, by header as a clerk types it. */
    enum Col {
        ID("standards.import.col.id"), NAME("standards.import.col.name"), ROOM("field.activityRoom"),
        AREA("field.roomArea"), BOARD("field.bulletinBoard"), PLATE("field.signPlate"), FLAG("field.partyFlag"),
        RULES("field.rulesSet"), CHECKED("field.checkedOn");

        final String key;

        Col(String key) {
            this.key = key;
        }

        String header() {
            return Msg.t(key);
        }
    }

    private final Standards standards;
    private final PartyOrganizations parties;

    public StandardsImport(Standards standards, PartyOrganizations parties) {
        this.standards = standards;
        this.parties = parties;
    }

    /** The headers of the import file, in order. */
    public static List<String> headers() {
        return java.util.Arrays.stream(Col.values()).map(Col::header).toList();
    }

    @Transactional
    public int importFile(Path file, String fileName) {
        scope.requireRegistryChanges();
        Map<Long, Standards.FiveOneInput> rows = new LinkedHashMap<>();
        List<FieldError> problems = new ArrayList<>();
        Map<String, List<PartyOrganizationView>> byName = new HashMap<>();
        for (PartyOrganizationView p : parties.list(null)) {
            byName.computeIfAbsent(Typed.key(p.name()), k -> new ArrayList<>()).add(p);
        }
        try (RowSource source = SurveyFiles.open(file, fileName, SurveyFiles.Limits.DEFAULTS)) {
            Map<Col, Integer> at = null;
            while (source.hasNext()) {
                SheetRow r = source.next();
                if (r.blank()) {
                    continue;
                }
                if (at == null) {
                    at = header(r);
                    continue;
                }
                read(r, at, byName, rows, problems);
            }
            if (at == null) {
                throw new ApiException(400, "NO_HEADER", Msg.t("standards.import.noHeader", String.join("、", headers())), List.of());
            }
        } catch (SurveyFileException e) {
            throw new ApiException(400, "FILE_" + e.problem().name(), e.getMessage(), List.of());
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, "ROWS_REJECTED", Msg.t("standards.import.rejected", problems.size()), problems);
        }
        if (rows.isEmpty()) {
            throw new ApiException(400, "FILE_EMPTY", Msg.t("survey.file.noRows"), List.of());
        }
        rows.forEach(standards::setFiveOne);
        return rows.size();
    }

    private static Map<Col, Integer> header(SheetRow r) {
        Map<Col, Integer> at = new HashMap<>();
        for (int i = 0; i < r.cells().size(); i++) {
            String cell = Typed.key(r.cell(i)).replace("*", "");
            for (Col c : Col.values()) {
                if (Typed.key(c.header()).equals(cell)) {
                    at.put(c, i);
                }
            }
        }
        if (!at.containsKey(Col.ID) && !at.containsKey(Col.NAME)) {
            return null;
        }
        return at;
    }

    private void read(SheetRow r, Map<Col, Integer> at, Map<String, List<PartyOrganizationView>> byName,
                      Map<Long, Standards.FiveOneInput> rows, List<FieldError> problems) {
        int before = problems.size();
        Long id = null;
        String idText = cell(r, at, Col.ID);
        String name = cell(r, at, Col.NAME);
        if (!idText.isEmpty()) {
            try {
                id = parties.find(Long.parseLong(idText)).id;
            } catch (NumberFormatException | ApiException e) {
                problems.add(problem(r, Col.ID, Msg.t("standards.import.unknownId", idText)));
            }
        } else if (!name.isEmpty()) {
            List<PartyOrganizationView> found = byName.getOrDefault(Typed.key(name), List.of());
            if (found.size() == 1) {
                id = found.get(0).id();
            } else {
                problems.add(problem(r, Col.NAME, Msg.t(found.isEmpty() ? "standards.import.unknownName"
                        : "standards.import.ambiguousName", name)));
            }
        } else {
            problems.add(problem(r, Col.NAME, Msg.t("standards.import.which")));
        }
        boolean room = yes(r, at, Col.ROOM, problems);
        BigDecimal area = null;
        String a = cell(r, at, Col.AREA).replace("平方米", "").replace("㎡", "").replace("m2", "").strip();
        if (!a.isEmpty()) {
            area = Standards.area(a);
            if (area == null) {
                problems.add(problem(r, Col.AREA, Msg.t("standards.areaNumber", cell(r, at, Col.AREA))));
            }
        }
        boolean board = yes(r, at, Col.BOARD, problems);
        boolean plate = yes(r, at, Col.PLATE, problems);
        boolean flag = yes(r, at, Col.FLAG, problems);
        boolean rules = yes(r, at, Col.RULES, problems);
        LocalDate checked = null;
        String c = cell(r, at, Col.CHECKED);
        if (!c.isEmpty()) {
            Optional<LocalDate> d = Typed.date(c);
            if (d.isEmpty() || d.get().isAfter(LocalDate.now(cn.liangxin.time.Days.ZONE))) {
                problems.add(problem(r, Col.CHECKED, Msg.t("standards.import.date", c)));
            } else {
                checked = d.get();
            }
        }
        if (id != null && rows.containsKey(id)) {
            problems.add(problem(r, at.containsKey(Col.ID) ? Col.ID : Col.NAME, Msg.t("standards.import.twice")));
        }
        if (!room && area != null && area.signum() > 0) {
            problems.add(problem(r, Col.AREA, Msg.t("standards.areaWithoutRoom")));
        }
        if (problems.size() == before && id != null) {
            rows.put(id, new Standards.FiveOneInput(room, area, board, plate, flag, rules, checked));
        }
    }

    private static boolean yes(SheetRow r, Map<Col, Integer> at, Col c, List<FieldError> problems) {
        String v = cell(r, at, c);
        if (v.isEmpty()) {
            return false;
        }
        Optional<Boolean> b = Typed.yesNo(v);
        if (b.isEmpty()) {
            problems.add(problem(r, c, Msg.t("standards.import.yesNo", v)));
            return false;
        }
        return b.get();
    }

    private static String cell(SheetRow r, Map<Col, Integer> at, Col c) {
        Integer i = at.get(c);
        return i == null ? "" : r.cell(i).strip();
    }

    private static FieldError problem(SheetRow r, Col c, String message) {
        return new FieldError(Msg.t("standards.import.where", r.sheet(), r.number(), c.header()), message);
    }
}
