package cn.liangxin.spreadsheet;

import cn.liangxin.spreadsheet.SurveyFileException.Problem;
import cn.liangxin.spreadsheet.SurveyFiles.Limits;
import org.apache.poi.hssf.usermodel.HSSFFormulaEvaluator;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

public class SurveyFilesTest {

    private static final Limits DEFAULTS = Limits.DEFAULTS;
    private static final List<String> XLS_HEADERS = List.of("组织名称", "从业人员数", "比例", "计划组建时间", "是否规模以上", "公式", "日期", "错误");

    @TempDir
    Path dir;

    // --- Reading --------------------------------------------------------------------------------

    @Test
    void xlsxCellsBecomeTextAsTheContractSays() throws IOException {
        Path file = dir.resolve("名单.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook book = new Workbook(out, "test", "1.0");
            Worksheet ws = book.newWorksheet("名单");
            row(ws, 0, "组织名称", "从业人员数", "比例", "计划组建时间", "是否规模以上", "公式", "成立日期", "登记日期");
            ws.value(1, 0, "罗平县某某有限公司");
            ws.value(1, 1, 12);
            ws.value(1, 2, 3.5);
            ws.value(1, 3, LocalDate.of(2009, 12, 5));
            ws.style(1, 3).format("yyyy-mm-dd").set();
            ws.value(1, 4, true);
            ws.formula(1, 5, "B2*2");
            ws.value(1, 6, LocalDate.of(2026, 1, 31));
            ws.style(1, 6).format("yyyy\"年\"m\"月\"d\"日\"").set();
            ws.value(1, 7, LocalDate.of(2010, 3, 8));
            ws.style(1, 7).format("0.0000").set(); // becomes built-in format 31 below
            // row 3 stays blank
            ws.value(3, 0, " 羅雄街道某某合作社 ");
            ws.value(3, 1, 12.0);
            ws.value(3, 2, 0.1 + 0.2);
            ws.value(3, 3, 1234567890123.0);
            ws.value(3, 4, false);
            ws.value(3, 7, "");
            Worksheet second = book.newWorksheet("第二页");
            second.value(0, 0, "甲");
            second.value(2, 1, "乙");
            book.finish();
        }
        // fastexcel writes a formula without its cached value; Excel would have saved one.
        rewrite(file, "xl/worksheets/sheet1.xml", xml -> xml.replace("<f>B2*2</f>", "<f>B2*2</f><v>24</v>"));
        // Chinese Excel saves yyyy"年"m"月"d"日" as built-in format 31, not spelled out in styles.xml.
        rewrite(file, "xl/styles.xml", xml -> {
            String id = xml.replaceAll("(?s).*<numFmt numFmtId=\"(\\d+)\" formatCode=\"0.0000\"/>.*", "$1");
            return xml.replace("<numFmt numFmtId=\"" + id + "\" formatCode=\"0.0000\"/>", "")
                    .replace("<xf numFmtId=\"" + id + "\"", "<xf numFmtId=\"31\"");
        });

        try (RowSource rows = SurveyFiles.open(file, "名单.xlsx", DEFAULTS)) {
            assertEquals("XLSX", rows.format());
        } catch (SurveyFileException e) {
            fail(e);
        }
        assertEquals(List.of(
                new SheetRow("名单", 1, List.of("组织名称", "从业人员数", "比例", "计划组建时间", "是否规模以上", "公式", "成立日期", "登记日期")),
                new SheetRow("名单", 2, List.of("罗平县某某有限公司", "12", "3.5", "2009-12-05", "是", "24", "2026-01-31", "2010-03-08")),
                new SheetRow("名单", 4, List.of(" 羅雄街道某某合作社 ", "12", "0.3", "1234567890123", "否")),
                new SheetRow("第二页", 1, List.of("甲")),
                new SheetRow("第二页", 3, List.of("", "乙"))), readAll(file));
    }

    @Test
    void xlsxRowsWithoutNumbersAreCountedFromOne() throws IOException {
        Path file = dir.resolve("no-refs.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook book = new Workbook(out, "test", "1.0");
            Worksheet ws = book.newWorksheet("表");
            row(ws, 0, "组织名称", "从业人员数");
            row(ws, 1, "某公司", "5");
            row(ws, 2, "某合作社", "7");
            book.finish();
        }
        // Some generators leave out the r attributes of rows and cells.
        rewrite(file, "xl/worksheets/sheet1.xml", xml -> xml.replaceAll(" r=\"[A-Z]*[0-9]+\"", ""));
        assertEquals(List.of(1, 2, 3), readAll(file).stream().map(SheetRow::number).toList());
        assertEquals(List.of("某合作社", "7"), readAll(file).get(2).cells());
    }

    @Test
    void xlsCellsBecomeTheSameText() throws IOException {
        Path file = dir.resolve("名单.xls");
        try (HSSFWorkbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            var sheet = book.createSheet("名单");
            CellStyle iso = book.createCellStyle();
            iso.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle builtIn = book.createCellStyle();
            builtIn.setDataFormat((short) 14);
            CellStyle chinese = book.createCellStyle();
            chinese.setDataFormat(book.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
            var header = sheet.createRow(0);
            for (int c = 0; c < XLS_HEADERS.size(); c++) {
                header.createCell(c).setCellValue(XLS_HEADERS.get(c));
            }
            var r = sheet.createRow(1);
            r.createCell(0).setCellValue("罗平县某某有限公司");
            r.createCell(1).setCellValue(12);
            r.createCell(2).setCellValue(3.5);
            r.createCell(3).setCellValue(LocalDate.of(2009, 12, 5));
            r.getCell(3).setCellStyle(iso);
            r.createCell(4).setCellValue(true);
            r.createCell(5).setCellFormula("B2*2");
            r.createCell(6).setCellValue(LocalDate.of(2026, 1, 31));
            r.getCell(6).setCellStyle(builtIn);
            r.createCell(7).setCellErrorValue(FormulaError.DIV0);
            sheet.createRow(2); // a blank row
            var r4 = sheet.createRow(3);
            r4.createCell(0).setCellValue("羅雄街道某某合作社");
            r4.createCell(1).setCellValue(12.0);
            r4.createCell(2).setCellValue(0.1 + 0.2);
            r4.createCell(3).setCellValue(LocalDate.of(2026, 12, 5));
            r4.getCell(3).setCellStyle(chinese);
            r4.createCell(4).setCellValue(false);
            r4.createCell(5).setCellFormula("A4&\"!\"");
            r4.createCell(9).setCellValue("");
            var second = book.createSheet("第二页");
            second.createRow(0).createCell(0).setCellValue("甲");
            second.createRow(2).createCell(1).setCellValue("乙");
            HSSFFormulaEvaluator.evaluateAllFormulaCells(book);
            book.write(out);
        }
        assertEquals(List.of(
                new SheetRow("名单", 1, XLS_HEADERS),
                new SheetRow("名单", 2, List.of("罗平县某某有限公司", "12", "3.5", "2009-12-05", "是", "24", "2026-01-31", "#DIV/0!")),
                new SheetRow("名单", 4, List.of("羅雄街道某某合作社", "12", "0.3", "2026-12-05", "否", "羅雄街道某某合作社!")),
                new SheetRow("第二页", 1, List.of("甲")),
                new SheetRow("第二页", 3, List.of("", "乙"))), readAll(file));
        assertEquals("XLS", format(file));
    }

    @Test
    void csvEncodingsAreDetected() throws IOException {
        String text = "组织名称,所属乡镇(街道),从业人员数\r\n罗平县某某有限公司,羅雄街道,12\r\n\r\n板桥镇某某合作社,板桥镇,3\r\n";
        List<SheetRow> expected = List.of(
                new SheetRow("名单", 1, List.of("组织名称", "所属乡镇(街道)", "从业人员数")),
                new SheetRow("名单", 2, List.of("罗平县某某有限公司", "羅雄街道", "12")),
                new SheetRow("名单", 4, List.of("板桥镇某某合作社", "板桥镇", "3")));

        Path bom = write("bom.csv", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)));
        Path utf8 = write("utf8.csv", text.getBytes(StandardCharsets.UTF_8));
        Path gb = write("gb.csv", text.getBytes(Charset.forName("GB18030")));
        for (Path file : List.of(bom, utf8, gb)) {
            assertEquals(expected, readAll(file, "名单.csv"), file.toString());
        }
        assertEquals("CSV UTF-8", format(bom));
        assertEquals("CSV UTF-8", format(utf8));
        assertEquals("CSV GB18030", format(gb));
    }

    @Test
    void aQuotedCellMaySpanLinesAndRowsAreNumberedAsExcelShowsThem() throws IOException {
        Path file = write("multi.csv", ("组织名称,备注,人数\n\"某某公司\",\"第一行\n第二行\",\"1,200\"\n某合作社,\"他说\"\"好\"\"\",3\n短行\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(
                new SheetRow("multi", 1, List.of("组织名称", "备注", "人数")),
                new SheetRow("multi", 2, List.of("某某公司", "第一行\n第二行", "1,200")),
                new SheetRow("multi", 3, List.of("某合作社", "他说\"好\"", "3")),
                new SheetRow("multi", 4, List.of("短行"))), readAll(file));
    }

    // --- Refusing -------------------------------------------------------------------------------

    @Test
    void emptyFilesAreRefused() throws IOException {
        SurveyFileException e = refused(write("空.csv", new byte[0]), DEFAULTS);
        assertEquals(Problem.EMPTY, e.problem());
        assertTrue(e.getMessage().contains("空.csv"), e.getMessage());
        assertEquals(Problem.EMPTY, refused(write("blank.csv", "\uFEFF\r\n,,\r\n  \r\n".getBytes(StandardCharsets.UTF_8)), DEFAULTS).problem());
    }

    @Test
    void whatIsNotASpreadsheetIsRefused() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        assertEquals(Problem.NOT_SPREADSHEET, refused(write("photo.xlsx", png), DEFAULTS).problem());
        assertEquals(Problem.NOT_SPREADSHEET, refused(write("a.pdf", "%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII)), DEFAULTS).problem());
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        assertEquals(Problem.NOT_SPREADSHEET, refused(write("random.csv", random), DEFAULTS).problem());
        SurveyFileException html = refused(write("导出.xls", "<html><body><table><tr><td>组织名称</td></tr></table></body></html>"
                .getBytes(StandardCharsets.UTF_8)), DEFAULTS);
        assertEquals(Problem.NOT_SPREADSHEET, html.problem());
        assertTrue(html.getMessage().contains(".xlsx"), html.getMessage());
        assertEquals(Problem.NOT_SPREADSHEET, refused(zip("word.docx", "word/document.xml", new byte[10]), DEFAULTS).problem());
    }

    @Test
    void aTruncatedXlsxIsCorrupt() throws IOException {
        Path whole = dir.resolve("whole.xlsx");
        try (OutputStream out = Files.newOutputStream(whole)) {
            cn.liangxin.survey.SurveyTemplate.writeXlsx(out, List.of(), false);
        }
        byte[] bytes = Files.readAllBytes(whole);
        byte[] half = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        SurveyFileException e = refused(write("half.xlsx", half), DEFAULTS);
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("half.xlsx"), e.getMessage());
    }

    @Test
    void anEncryptedOfficeFileIsRecognized() throws IOException {
        Path file = dir.resolve("加密.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
            fs.createDocument(new ByteArrayInputStream(new byte[64]), "EncryptionInfo");
            fs.createDocument(new ByteArrayInputStream(new byte[4096]), "EncryptedPackage");
            fs.writeFilesystem(out);
        }
        assertEquals(Problem.ENCRYPTED, refused(file, DEFAULTS).problem());
    }

    @Test
    void aPasswordProtectedXlsIsRecognized() throws IOException {
        Path file = dir.resolve("加密.xls");
        org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword("secret");
        try (HSSFWorkbook book = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            book.createSheet("名单").createRow(0).createCell(0).setCellValue("组织名称");
            book.write(out);
        } finally {
            org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        assertEquals(Problem.ENCRYPTED, refused(file, DEFAULTS).problem());
    }

    @Test
    void anOle2FileWithoutAWorkbookIsNotASpreadsheet() throws IOException {
        Path file = dir.resolve("文档.doc");
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream out = Files.newOutputStream(file)) {
            fs.createDocument(new ByteArrayInputStream(new byte[4096]), "WordDocument");
            fs.writeFilesystem(out);
        }
        assertEquals(Problem.NOT_SPREADSHEET, refused(file, DEFAULTS).problem());
    }

    @Test
    void aZipBombIsRefusedBeforeItIsInflated() throws IOException {
        Path file = dir.resolve("bomb.xlsx");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(1);
            entry(zip, "[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8));
            entry(zip, "xl/workbook.xml", "<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            for (int i = 0; i < 300; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(Files.size(file) < 2 << 20, "compressed to " + Files.size(file));
        assertEquals(Problem.TOO_LARGE, refused(file, DEFAULTS).problem());
    }

    @Test
    void aHighlyCompressedEntryIsRefusedWhateverItsSize() throws IOException {
        byte[] zeros = new byte[8 << 20];
        assertEquals(Problem.TOO_LARGE, refused(xlsxLike("ratio.xlsx", zeros), DEFAULTS).problem());
    }

    @Test
    void sizesUnderstatedInTheZipDirectoryAreCountedWhileInflating() throws IOException {
        byte[] letters = new byte[3 << 20];
        Random random = new Random(1);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) ('a' + random.nextInt(26));
        }
        Path file = xlsxLike("liar.xlsx", letters);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 46 < bytes.length; i++) {
            if (buffer.getInt(i) == 0x02014b50) { // a central directory header: claim 100 bytes inflated
                buffer.putInt(i + 24, 100);
            }
        }
        Files.write(file, bytes);
        Limits small = new Limits(DEFAULTS.maxBytes(), DEFAULTS.maxRows(), DEFAULTS.maxColumns(), 2 << 20);
        SurveyFileException e = refused(file, small);
        assertEquals(Problem.TOO_LARGE, e.problem());
        assertTrue(e.getMessage().contains("2 MB"), e.getMessage());
    }

    @Test
    void aCellTooLongToBeExcelsIsRefused() throws IOException {
        StringBuilder sb = new StringBuilder("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
        Random random = new Random(3);
        for (int i = 0; i < (3 << 19); i++) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        sb.append("</t></is></c></row></sheetData></worksheet>");
        SurveyFileException e = refused(xlsxLike("long.xlsx", sb.toString().getBytes(StandardCharsets.UTF_8)), DEFAULTS);
        assertEquals(Problem.CORRUPT, e.problem());
    }

    @Test
    void aCsvLineOfTwoMegabytesIsRefused() throws IOException {
        String line = "组织名称,备注\n某公司," + "x".repeat(2 << 20) + "\n";
        SurveyFileException e = refused(write("long.csv", line.getBytes(StandardCharsets.UTF_8)), DEFAULTS);
        assertEquals(Problem.TOO_LARGE, e.problem());
        assertTrue(e.getMessage().contains("第 2 行"), e.getMessage());
    }

    @Test
    void tooManyRowsAreRefusedWhileReading() throws IOException {
        Limits three = new Limits(DEFAULTS.maxBytes(), 3, DEFAULTS.maxColumns(), DEFAULTS.maxUncompressedBytes());
        Path fits = write("fits.csv", "组织名称\n甲\n乙\n丙\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(4, readAll(fits, "fits.csv", three).size());
        Path over = write("over.csv", "组织名称\n甲\n乙\n丙\n丁\n".getBytes(StandardCharsets.UTF_8));
        SurveyFileException e = refused(over, three);
        assertEquals(Problem.TOO_MANY_ROWS, e.problem());
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws IOException {
        Limits tiny = new Limits(100, DEFAULTS.maxRows(), DEFAULTS.maxColumns(), DEFAULTS.maxUncompressedBytes());
        Path file = write("big.csv", "组织名称,备注\n".repeat(20).getBytes(StandardCharsets.UTF_8));
        SurveyFileException e = refused(file, tiny);
        assertEquals(Problem.TOO_LARGE, e.problem());
        assertTrue(e.getMessage().contains("100 B"), e.getMessage());
    }

    @Test
    void tooManyColumnsAreRefusedButTrailingEmptyCellsAreNot() throws IOException {
        Limits five = new Limits(DEFAULTS.maxBytes(), DEFAULTS.maxRows(), 5, DEFAULTS.maxUncompressedBytes());
        Path trailing = write("trailing.csv", "a,b,c,,,,,,,\n1,2,3,,,,,,,,,,\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("1", "2", "3"), readAll(trailing, "t.csv", five).get(1).cells());
        Path wide = write("wide.csv", "a,b,c\n1,2,3,4,5,6\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(Problem.TOO_LARGE, refused(wide, five).problem());
    }

    @Test
    void theIteratorIsExhaustedCleanly() throws Exception {
        Path file = write("one.csv", "组织名称\n".getBytes(StandardCharsets.UTF_8));
        try (RowSource rows = SurveyFiles.open(file, null, DEFAULTS)) {
            assertTrue(rows.hasNext());
            assertEquals("", rows.next().sheet());
            assertFalse(rows.hasNext());
            assertThrows(java.util.NoSuchElementException.class, rows::next);
        }
    }

    // --- Helpers --------------------------------------------------------------------------------

    public static List<SheetRow> readAll(Path file) {
        return readAll(file, file.getFileName().toString(), DEFAULTS);
    }

    public static List<SheetRow> readAll(Path file, String name) {
        return readAll(file, name, DEFAULTS);
    }

    public static List<SheetRow> readAll(Path file, String name, Limits limits) {
        List<SheetRow> all = new ArrayList<>();
        try (RowSource rows = SurveyFiles.open(file, name, limits)) {
            rows.forEachRemaining(all::add);
        } catch (SurveyFileException e) {
            return fail(e);
        }
        return all;
    }

    private static String format(Path file) {
        try (RowSource rows = SurveyFiles.open(file, null, DEFAULTS)) {
            return rows.format();
        } catch (SurveyFileException e) {
            return fail(e);
        }
    }

    /** The refusal, whether {@code open} or the reading raises it: one catch serves both. */
    private static SurveyFileException refused(Path file, Limits limits) {
        try (RowSource rows = SurveyFiles.open(file, file.getFileName().toString(), limits)) {
            rows.forEachRemaining(row -> { });
        } catch (SurveyFileException e) {
            assertFalse(e.getMessage().isBlank());
            return e;
        }
        return fail(file + " was read");
    }

    private static void row(Worksheet ws, int r, String... cells) {
        for (int c = 0; c < cells.length; c++) {
            ws.value(r, c, cells[c]);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Path zip(String name, String entry, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, entry, content);
        }
        return file;
    }

    /** A zip shaped like an .xlsx whose one sheet is the content given. */
    private Path xlsxLike(String name, byte[] sheet) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(1);
            entry(zip, "[Content_Types].xml", "<Types/>".getBytes(StandardCharsets.UTF_8));
            entry(zip, "xl/workbook.xml", "<workbook/>".getBytes(StandardCharsets.UTF_8));
            entry(zip, "xl/worksheets/sheet1.xml", sheet);
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    /** Rewrites one entry of a zip, keeping the others as they are. */
    private static void rewrite(Path file, String name, UnaryOperator<String> change) throws IOException {
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        // ZipFile, not ZipInputStream: fastexcel's local headers claim size 0, which ZipInputStream refuses.
        try (ZipFile in = new ZipFile(file.toFile()); ZipOutputStream out = new ZipOutputStream(rewritten)) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                byte[] content = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(name)) {
                    content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                entry(out, e.getName(), content);
            }
        }
        Files.write(file, rewritten.toByteArray());
    }
}
