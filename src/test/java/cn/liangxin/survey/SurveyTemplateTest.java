package cn.liangxin.survey;

import cn.liangxin.spreadsheet.*;
import cn.liangxin.division.Township;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed forms in survey-templates/ are what the code writes (regenerate: TemplateFiles.main). */
class SurveyTemplateTest {

    private static final Path COMMITTED = Path.of("survey-templates");
    private static final List<String> HEADERS = List.of("组织名称*", "统一社会信用代码", "组织类别*", "所属乡镇(街道)*",
            "村(社区)", "详细地址", "所在园区/楼宇", "行业门类", "是否规模以上", "经营状态*", "从业人员数*", "正式党员数*",
            "组织关系不在本单位的党员数", "预备党员数", "入党积极分子数", "出资人(负责人)是否党员", "业主对组建党组织态度",
            "有无合适的书记人选", "党组织建立情况*", "所在党组织名称", "已建群团组织", "党建工作指导员", "计划组建时间",
            "未能组建原因", "责任人", "备注");

    @TempDir
    Path dir;

    @Test
    void headersAreTheFormsInOrderWithTheRequiredMarked() {
        assertEquals(HEADERS, SurveyTemplate.headers());
    }

    @Test
    void theCommittedCsvIsWhatTheCodeWrites() throws IOException {
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        SurveyTemplate.writeCsv(now, List.of());
        assertArrayEquals(now.toByteArray(), Files.readAllBytes(TemplateFiles.csv(COMMITTED)),
                "survey-templates/ is stale: run cn.liangxin.survey.TemplateFiles");
    }

    @Test
    void theCommittedXlsxHoldsWhatTheCodeWrites() throws IOException {
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        SurveyTemplate.writeXlsx(now, List.of(), false);
        List<List<String>> written = cells(new ByteArrayInputStream(now.toByteArray()));
        List<List<String>> committed;
        try (InputStream in = Files.newInputStream(TemplateFiles.xlsx(COMMITTED))) {
            committed = cells(in);
        }
        assertEquals(written, committed, "survey-templates/ is stale: run cn.liangxin.survey.TemplateFiles");
        assertEquals("摸底登记表", committed.get(0).get(0));
        assertEquals("填表说明", committed.get(0).get(1));
    }

    @Test
    void theBlankFormReadsBackAsTheHeaderAndTheExample() {
        for (Path file : List.of(TemplateFiles.xlsx(COMMITTED), TemplateFiles.csv(COMMITTED))) {
            List<SheetRow> rows = cn.liangxin.spreadsheet.SurveyFilesTest.readAll(file);
            SheetRow header = rows.get(0);
            SheetRow example = rows.get(1);
            assertEquals(1, header.number());
            assertEquals(HEADERS, header.cells());
            assertEquals(2, example.number());
            assertEquals("（示例）罗平县某某有限公司", example.cell(0));
            assertTrue(example.cell(0).startsWith(SurveyParser.EXAMPLE_MARK));
            assertEquals(SurveyTemplate.example().subList(0, example.cells().size()), example.cells());
            assertEquals(List.of("56", "2", "1", "1", "2"), example.cells().subList(10, 15));
            assertEquals("2026-12-05", example.cell(22));

            // The importer's parser finds every column, no header on the instructions, and a clean example.
            SurveyParser.Header found = SurveyParser.header(header).orElseThrow();
            assertEquals(SurveyColumn.all(), List.copyOf(found.columns().values()));
            assertEquals(List.of(), found.unknown());
            assertTrue(rows.stream().skip(1).noneMatch(r -> SurveyParser.header(r).isPresent()));
            Township luoxiong = new Township("530324001", "罗雄街道", "530324");
            ParsedRow parsed = SurveyParser.parse(found, example, t -> Optional.of(luoxiong));
            assertEquals(List.of(), parsed.errors());
            assertEquals(List.of(), parsed.warnings());
        }
    }

    @Test
    void aPrefilledFormKeepsItsRowsAndAHiddenRegistryId() throws IOException {
        List<String> row = new ArrayList<>(SurveyTemplate.example());
        row.set(0, "罗平县某某商贸有限公司");
        row.add("42");
        Path file = dir.resolve("prefilled.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            SurveyTemplate.writeXlsx(out, List.of(row), true);
        }
        List<SheetRow> rows = cn.liangxin.spreadsheet.SurveyFilesTest.readAll(file);
        assertEquals(SurveyColumn.REGISTRY_ID_HEADER, rows.get(0).cell(26));
        assertEquals(row.stream().map(c -> c == null ? "" : c).toList(), rows.get(1).cells());
        assertTrue(rows.stream().filter(r -> r.sheet().equals("摸底登记表")).noneMatch(r -> r.cell(0).startsWith(SurveyParser.EXAMPLE_MARK)));
        String sheet = new String(zipEntry(file, "xl/worksheets/sheet1.xml"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(sheet.contains("<col min=\"27\" max=\"27\"") && sheet.matches("(?s).*<col min=\"27\"[^>]*hidden=\"true\".*"), sheet);
    }

    /** Sheet names, then the text of every cell of every sheet, row by row. */
    private static List<List<String>> cells(InputStream xlsx) throws IOException {
        List<List<String>> all = new ArrayList<>();
        try (ReadableWorkbook book = new ReadableWorkbook(xlsx)) {
            all.add(book.getSheets().map(org.dhatim.fastexcel.reader.Sheet::getName).toList());
            for (org.dhatim.fastexcel.reader.Sheet sheet : book.getSheets().toList()) {
                try (Stream<Row> rows = sheet.openStream()) {
                    rows.forEach(r -> {
                        List<String> cells = new ArrayList<>();
                        cells.add(sheet.getName() + "!" + r.getRowNum());
                        r.forEach(c -> cells.add(c == null ? null : c.getType() + ":" + c.getText()));
                        all.add(cells);
                    });
                }
            }
        }
        return all;
    }

    private static byte[] zipEntry(Path zip, String name) throws IOException {
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            return z.getInputStream(z.getEntry(name)).readAllBytes();
        }
    }
}
