package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every exported workbook is ready to filter and to print: a 序号 column, thin borders on the header
 * and the rows, an autofilter over them (not the title, not the total), A4 landscape with title and
 * header on every page and no text under 8 points (one page wide when that allows it, else across pages
 * with the first columns repeated), and days as date cells.
 */
@QuarkusTest
class WorkbookFormatTest {

    /** Every download the one workbook writer makes (the coverage and quality tables end with their total). */
    private static final List<String> WORKBOOKS = List.of("/api/reports/coverage.xlsx",
            "/api/reports/coverage.xlsx?by=county", "/api/reports/coverage.xlsx?township=" + LUOXIONG,
            "/api/reports/blank-spots.xlsx", "/api/reports/blank-spots.xlsx?township=" + LUOXIONG,
            "/api/plans/timetable.xlsx", "/api/plans/joint-proposals.xlsx", "/api/reports/year-over-year.xlsx",
            "/api/reports/quality.xlsx", "/api/reports/quality.xlsx?township=" + LUOXIONG);

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void load() {
        Registry.clear(dataSource);
        CoverageFixture.load();
    }

    @Test
    void everyWorkbookHasBordersAFilterPrintTitlesAndNumberedRows() throws Exception {
        for (String url : WORKBOOKS) {
            byte[] file = given().get(url).then().statusCode(200).extract().asByteArray();
            boolean total = url.startsWith("/api/reports/coverage.xlsx") || url.startsWith("/api/reports/quality.xlsx");
            Xlsx parts = Xlsx.read(file);
            List<Row> rows = rows(file);
            int columns = rows.get(1).getCellCount();
            int data = rows.size() - 2 - (total ? 1 : 0);
            String last = column(columns - 1);

            assertEquals("序号", rows.get(1).getCellText(0), url);
            for (int r = 0; r < data; r++) {
                assertEquals(String.valueOf(r + 1), rows.get(2 + r).getCellText(0), url + " row " + (r + 3));
            }
            if (total) {
                assertEquals("", rows.get(rows.size() - 1).getCellText(0), url + ": the total has no 序号");
            }

            assertEquals("A2:" + last + (2 + data), parts.autoFilter(), url + ": header and rows, not title or total");

            Element setup = parts.first("sheet", "pageSetup");
            assertEquals("landscape", setup.getAttribute("orientation"), url);
            assertEquals("9", setup.getAttribute("paperSize"), url + ": A4");
            List<String> titles = parts.printTitleRanges();
            assertTrue(titles.contains("$1:$2"), url + ": title and header on every page, " + titles);
            assertLegibleOnA4(url, parts, setup, titles);

            for (int r = 2; r <= rows.size(); r++) {
                for (int c = 0; c < columns; c++) {
                    assertTrue(parts.thinBorders(column(c) + r), url + ": " + column(c) + r + " has thin borders on four sides");
                }
            }
            assertFalse(parts.thinBorders("A1"), url + ": the title stands above the table");
        }
    }

    @Test
    void theCoverageTableFiltersItsThirteenTownshipsAndKeepsTheTotalOut() throws Exception {
        byte[] file = given().get("/api/reports/coverage.xlsx").then().statusCode(200).extract().asByteArray();
        // 序号 and 24 figures: A..Y; header row 2, 13 townships in rows 3–15, the total in row 16
        assertEquals("A2:Z15", Xlsx.read(file).autoFilter());
        List<Row> rows = rows(file);
        assertEquals(16, rows.size());
        assertEquals("13", rows.get(14).getCellText(0));
        assertEquals("罗平县", rows.get(15).getCellText(1));
    }

    /**
     * The county's coverage table (序号 and 25 columns) is too wide for one A4 page at 8 points: it prints at
     * 73 % across pages, 序号 and 乡镇 repeated on each; the ledger repeats 序号, 乡镇 and 组织名称.
     */
    @Test
    void theWideCoverageTablePrintsAcrossPagesWithItsFirstColumnsRepeated() throws Exception {
        Xlsx coverage = Xlsx.read(given().get("/api/reports/coverage.xlsx").then().statusCode(200).extract().asByteArray());
        Element setup = coverage.first("sheet", "pageSetup");
        assertEquals("73", setup.getAttribute("scale"));
        assertFalse("true".equals(coverage.first("sheet", "pageSetUpPr").getAttribute("fitToPage")), "a fixed scale, not fit to a page");
        assertEquals(List.of("$A:$B", "$1:$2"), coverage.printTitleRanges());
        assertTrue(coverage.printWidth() * 0.73 > cn.liangxin.export.Exports.PRINT_WIDTH, "wider than a page at 73 %");

        Xlsx ledger = Xlsx.read(given().get("/api/reports/blank-spots.xlsx").then().statusCode(200).extract().asByteArray());
        assertEquals("73", ledger.first("sheet", "pageSetup").getAttribute("scale"));
        assertEquals(List.of("$A:$C", "$1:$2"), ledger.printTitleRanges(), "序号, 乡镇 and 组织名称 on every page");

        // a narrow table still fits one page wide, at 73 % or more
        java.io.ByteArrayOutputStream narrow = new java.io.ByteArrayOutputStream();
        cn.liangxin.export.Exports.xlsx(narrow, "窄表", "窄表", List.of(
                new cn.liangxin.export.Column<String>("name", "report.col.name", 20, cn.liangxin.export.Column.Type.TEXT, x -> x),
                new cn.liangxin.export.Column<String>("code", "report.col.code", 11, cn.liangxin.export.Column.Type.TEXT, x -> x)),
                List.of("甲", "乙"), null);
        Xlsx fit = Xlsx.read(narrow.toByteArray());
        assertEquals("true", fit.first("sheet", "pageSetUpPr").getAttribute("fitToPage"));
        assertEquals("1", fit.first("sheet", "pageSetup").getAttribute("fitToWidth"));
        assertEquals(List.of("$1:$2"), fit.printTitleRanges());
        assertTrue(fit.printWidth() * 0.73 <= cn.liangxin.export.Exports.PRINT_WIDTH);
    }

    /**
     * No text under 8 points on A4 landscape: fit to one page wide only when the columns fit there at 73 %
     * (11-point text at 8), else printed at 73 % or more with the first columns on every page.
     */
    private static void assertLegibleOnA4(String url, Xlsx parts, Element setup, List<String> titles) {
        if ("true".equals(parts.first("sheet", "pageSetUpPr").getAttribute("fitToPage"))) {
            assertEquals("1", setup.getAttribute("fitToWidth"), url + ": one page wide");
            assertEquals("0", setup.getAttribute("fitToHeight"), url + ": as many pages tall as it takes");
            double scale = Math.min(1, cn.liangxin.export.Exports.PRINT_WIDTH / parts.printWidth());
            assertTrue(scale * 11 >= 8, url + ": fit to the page, its text would print at " + scale * 11 + " pt");
        } else {
            int scale = Integer.parseInt(setup.getAttribute("scale"));
            assertTrue(scale * 11 >= 800, url + ": printed at " + scale + " %");
            assertTrue(titles.stream().anyMatch(t -> t.matches("\\$A:\\$[B-C]")), url + ": 序号 and the name on every page, " + titles);
        }
    }

    @Test
    void plannedDaysAreDateCells() throws Exception {
        byte[] ledger = given().queryParam("township", LUOXIONG).get("/api/reports/blank-spots.xlsx").then().statusCode(200)
                .extract().asByteArray();
        List<Row> rows = rows(ledger);
        int planned = column(rows, "计划组建时间");
        Row first = rows.get(2);
        assertEquals("乙建材有限公司", first.getCellText(2));
        assertDate(first.getCell(planned), LocalDate.of(2027, 3, 1));
        assertEquals(CellType.EMPTY, rows.get(3).getCell(planned).getType(), "no plan: an empty cell, not a text");

        LocalDate day = LocalDate.now(cn.liangxin.time.Days.ZONE).plusMonths(2);
        Registry.createOrg("计划公司", LUOXIONG, 9, 3, "plannedFormationOn", day.toString());
        byte[] timetable = given().queryParam("township", LUOXIONG).get("/api/plans/timetable.xlsx").then().statusCode(200)
                .extract().asByteArray();
        List<Row> plans = rows(timetable);
        int on = column(plans, "计划组建时间");
        Row line = plans.stream().filter(r -> "计划公司".equals(r.getCellText(3))).findFirst().orElseThrow();
        assertDate(line.getCell(on), day);
    }

    @Test
    void theCsvKeepsItsColumnsAndWritesDaysAsIsoText() {
        String csv = given().queryParam("township", LUOXIONG).get("/api/reports/blank-spots.csv").then().statusCode(200)
                .extract().asString();
        String[] lines = csv.substring(1).split("\r\n");
        assertTrue(lines[0].startsWith("乡镇(街道),组织名称"), "no 序号 in CSV: " + lines[0]);
        assertTrue(lines[1].contains(",2027-03-01,"), lines[1]);
    }

    private static void assertDate(Cell cell, LocalDate day) {
        assertEquals(CellType.NUMBER, cell.getType(), "a date cell is a number: " + cell);
        assertEquals("yyyy-mm-dd", cell.getDataFormatString());
        assertEquals(day, cell.asDate().toLocalDate());
    }

    private static List<Row> rows(byte[] file) throws IOException {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(file), new ReadingOptions(true, false))) {
            return wb.getFirstSheet().read();
        }
    }

    /** The index of the header row's column named so. */
    private static int column(List<Row> rows, String header) {
        Row h = rows.get(1);
        for (int c = 0; c < h.getCellCount(); c++) {
            if (header.equals(h.getCellText(c))) {
                return c;
            }
        }
        throw new AssertionError("no column " + header);
    }

    /** A, B, … Z, AA … for a zero-based column. */
    private static String column(int c) {
        return c < 26 ? String.valueOf((char) ('A' + c)) : column(c / 26 - 1) + (char) ('A' + c % 26);
    }

    /** The parts of a workbook that a cell reader does not show: filter, page setup, print titles and borders. */
    private record Xlsx(Document workbook, Document sheet, Document styles) {

        static Xlsx read(byte[] file) throws Exception {
            Map<String, Document> parts = new HashMap<>();
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // read by the central directory: the writer streams its entries, sizes after the data
            java.nio.file.Path copy = java.nio.file.Files.createTempFile("export", ".xlsx");
            try {
                java.nio.file.Files.write(copy, file);
                try (ZipFile zip = new ZipFile(copy.toFile())) {
                    for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                        if (e.getName().endsWith(".xml")) {
                            try (var in = zip.getInputStream(e)) {
                                parts.put(e.getName(), f.newDocumentBuilder().parse(in));
                            }
                        }
                    }
                }
            } finally {
                java.nio.file.Files.delete(copy);
            }
            return new Xlsx(parts.get("xl/workbook.xml"), parts.get("xl/worksheets/sheet1.xml"), parts.get("xl/styles.xml"));
        }

        Element first(String part, String name) {
            Document d = part.equals("sheet") ? sheet : part.equals("styles") ? styles : workbook;
            NodeList list = d.getElementsByTagNameNS("*", name);
            assertTrue(list.getLength() > 0, "no " + name + " in " + part);
            return (Element) list.item(0);
        }

        String autoFilter() {
            return first("sheet", "autoFilter").getAttribute("ref");
        }

        String printTitles() {
            NodeList names = workbook.getElementsByTagNameNS("*", "definedName");
            for (int i = 0; i < names.getLength(); i++) {
                Element n = (Element) names.item(i);
                if (n.getAttribute("name").equals("_xlnm.Print_Titles")) {
                    assertEquals("0", n.getAttribute("localSheetId"));
                    return n.getTextContent();
                }
            }
            throw new AssertionError("no print titles");
        }

        /** The print titles' ranges, without the sheet's name: $1:$2 for rows, $A:$B for columns. */
        List<String> printTitleRanges() {
            List<String> out = new ArrayList<>();
            for (String part : printTitles().split(",")) {
                out.add(part.replaceFirst("^'[^']*'!", ""));
            }
            return out;
        }

        /** The sheet's columns across on paper at 100 %, at most, in points (7 a unit of width). */
        double printWidth() {
            double chars = 0;
            NodeList cols = sheet.getElementsByTagNameNS("*", "col");
            for (int i = 0; i < cols.getLength(); i++) {
                Element c = (Element) cols.item(i);
                int span = Integer.parseInt(c.getAttribute("max")) - Integer.parseInt(c.getAttribute("min")) + 1;
                chars += span * Double.parseDouble(c.getAttribute("width"));
            }
            return chars * cn.liangxin.export.Exports.POINTS_PER_CHARACTER;
        }

        /** Whether the cell exists and its style draws a thin line on each of its four sides. */
        boolean thinBorders(String ref) {
            Element cell = null;
            NodeList cells = sheet.getElementsByTagNameNS("*", "c");
            for (int i = 0; i < cells.getLength() && cell == null; i++) {
                if (ref.equals(((Element) cells.item(i)).getAttribute("r"))) {
                    cell = (Element) cells.item(i);
                }
            }
            if (cell == null) {
                return false;
            }
            int style = cell.getAttribute("s").isEmpty() ? 0 : Integer.parseInt(cell.getAttribute("s"));
            Element xf = children(first("styles", "cellXfs"), "xf").get(style);
            Element border = children(first("styles", "borders"), "border").get(Integer.parseInt(xf.getAttribute("borderId")));
            for (String side : List.of("left", "right", "top", "bottom")) {
                List<Element> e = children(border, side);
                if (e.isEmpty() || !"thin".equals(e.get(0).getAttribute("style"))) {
                    return false;
                }
            }
            return true;
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> out = new ArrayList<>();
            for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}
