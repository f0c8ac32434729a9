package cn.liangxin.web;

import cn.liangxin.survey.SurveyImportTest;
import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files made to hurt the service, sent to each of its spreadsheet readers (the survey upload, the
 * register upload, the 五个一 upload) in a deployment of two counties: each is refused with a 4xx in
 * Chinese within 10 seconds, nothing of it is kept, and afterwards the service still reads a normal
 * file and every county's lists still answer.
 */
@QuarkusTest
@TestProfile(HostileFilesTest.TwoCounties.class)
class HostileFilesTest {

    /** 罗平县 and 陆良县. */
    public static class TwoCounties implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liangxin.scope.counties", "530324,530322");
        }
    }

    static final String LUOPING = "530324";
    static final String LULIANG = "530322";
    /** A number in the headcount column of the survey template, to be replaced in the sheet's XML. */
    static final long MARK = 987654321L;

    @Inject
    AgroalDataSource dataSource;

    /** A reader: where a file is sent, and the rows of a file it would read (the first is the header). */
    enum Reader {
        SURVEY("/api/surveys/imports?countyCode=" + LUOPING, List.of(SurveyImportTest.HEADER.split(",")),
                List.of("罗平县某某有限公司", "", "企业", "罗雄街道", "", "", "", "C", "否", "正常", MARK, "1", "", "", "", "否",
                        "", "无", "未建立", "", "", "", "", "", "", "")),
        REGISTER("/api/registers?countyCode=" + LUOPING, List.of("统一社会信用代码", "企业名称", "登记状态", "住所", "注册资本"),
                List.of("91530324MA6K3X2Y1X", "罗平县某某有限公司", "存续", "罗平县罗雄街道振兴路1号", MARK)),
        FIVE_ONE("/api/party-organizations/five-one", List.of("党组织编号", "党组织名称", "活动场所", "活动场所面积(平方米)",
                "党员公示栏", "党组织牌子", "党旗", "制度", "检查日期"),
                List.of("", "某某联合党支部", "有", MARK, "有", "有", "有", "有", ""));

        final String path;
        final List<String> header;
        final List<Object> row;
        /** The column of the organization's name. */
        final int nameAt;

        Reader(String path, List<String> header, List<Object> row) {
            this.path = path;
            this.header = header;
            this.row = row;
            this.nameAt = header.get(0).startsWith("组织名称") ? 0 : 1;
        }

        String nameColumn() {
            return nameAt == 0 ? "A" : "B";
        }

        /** The column of the number the hostile files change. */
        String numberColumn() {
            return String.valueOf((char) ('A' + row.indexOf(MARK)));
        }
    }

    private static boolean warm;

    @BeforeEach
    void clear() throws Exception {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate register_import, register_row, survey_import cascade");
        }
        if (!warm) {
            // the service's first reading of a file loads its classes: not what the 10 seconds are about
            healthy();
            warm = true;
        }
    }

    // --- Numbers ---------------------------------------------------------------------------------

    @Test
    void aNumberWithAHugeExponentIsRefusedByEveryReaderNamingItsCell() throws Exception {
        for (Reader reader : Reader.values()) {
            for (String number : List.of("1E+999999999", "1E+5000000", "1E-999999999", "-9.9E+400")) {
                byte[] file = xlsx(reader, xml -> xml.replace("<v>" + MARK + "</v>", "<v>" + number + "</v>"));
                Response r = refused(reader, "huge.xlsx", file);
                String message = r.jsonPath().getString("message") + " " + r.jsonPath().getString("errors[0].message");
                assertTrue(message.contains("工作表“名单”第 2 行 " + reader.numberColumn() + " 列"), reader + " " + number + ": " + message);
            }
            healthy();
        }
    }

    @Test
    void aFewCellsOfAMillionDigitsAreRefusedByTheirLengthNotParsed() throws Exception {
        // a number spelt out digit by digit: taken apart it would hold a thread for minutes
        String digits = "7".repeat(900_000);
        // plainly, after a character reference, or in a CDATA section: a reader resolves all three to the same digits
        for (String written : List.of(digits, "&#55;" + digits, "<![CDATA[" + digits + "]]>")) {
            for (Reader reader : Reader.values()) {
                byte[] file = xlsx(reader, xml -> xml.replace("<v>" + MARK + "</v>", "<v>" + written + "</v>"));
                String message = messageOf(refused(reader, "long-number.xlsx", file));
                assertTrue(message.contains("工作表“名单”第 2 行 " + reader.numberColumn() + " 列的数字"), reader + ": " + message);
            }
            healthy();
        }
    }

    // --- Zip bombs, entities ---------------------------------------------------------------------

    @Test
    void aZipBombIsRefusedByEveryReaderWhetherItsSizesTellTheTruthOrNot() throws Exception {
        for (boolean lying : new boolean[]{false, true}) {
            byte[] bomb = zipBomb(3L << 30, lying);
            assertTrue(bomb.length < 8 << 20, "a small file: " + bomb.length);
            for (Reader reader : Reader.values()) {
                Response r = refused(reader, "bomb.xlsx", bomb);
                assertTrue(messageOf(r).contains("解压后"), messageOf(r));
            }
            healthy();
        }
    }

    @Test
    void billionLaughsInASheetOrItsSharedStringsAreRefused() throws Exception {
        String laughs = "<!DOCTYPE worksheet [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
                + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
                + "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
                + "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
                + "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
                + "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]>";
        for (Reader reader : Reader.values()) {
            byte[] inSheet = xlsx(reader, xml -> withDoctype(xml, laughs)
                    .replace("<v>" + MARK + "</v>", "<is><t>&lol9;</t></is>").replace("<c r=\"", "<c t=\"inlineStr\" r=\""));
            refused(reader, "laughs.xlsx", inSheet);
            byte[] inStrings = rewrite(xlsx(reader, UnaryOperator.identity()), "xl/sharedStrings.xml",
                    xml -> withDoctype(xml, laughs.replace("worksheet", "sst")).replaceFirst("<t>", "<t>&lol9;"));
            refused(reader, "laughs-sst.xlsx", inStrings);
            healthy();
        }
    }

    @Test
    void anExternalEntityIsNeitherFetchedNorShown() throws Exception {
        Path secret = Files.createTempFile("hostile-secret", ".txt");
        Files.writeString(secret, "SECRET-LINE-4711");
        String xxe = "<!DOCTYPE sst [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
        try {
            for (Reader reader : Reader.values()) {
                byte[] file = rewrite(xlsx(reader, UnaryOperator.identity()), "xl/sharedStrings.xml",
                        xml -> withDoctype(xml, xxe).replaceFirst("<t>", "<t>&xxe;"));
                Response r = refused(reader, "xxe.xlsx", file);
                assertFalse(r.asString().contains("SECRET-LINE-4711"), r.asString());
                byte[] inSheet = xlsx(reader, xml -> withDoctype(xml, xxe.replace("sst", "worksheet"))
                        .replace("<v>" + MARK + "</v>", "<is><t>&xxe;</t></is>").replace("<c r=\"", "<c t=\"inlineStr\" r=\""));
                assertFalse(refused(reader, "xxe-sheet.xlsx", inSheet).asString().contains("SECRET-LINE-4711"));
            }
            healthy();
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    // --- Text files ------------------------------------------------------------------------------

    @Test
    void aNulByteAfterTheFirstEightKilobytesIsRefusedNamingItsRowAndColumn() throws Exception {
        for (Reader reader : Reader.values()) {
            StringBuilder csv = new StringBuilder(String.join(",", reader.header)).append("\r\n");
            int row = 1;
            while (csv.length() < 12_000) {
                csv.append(line(reader, "罗平县某某有限公司" + row)).append("\r\n");
                row++;
            }
            csv.append(line(reader, "罗平县某\u0000公司")).append("\r\n");
            Response r = refused(reader, "nul.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            String message = messageOf(r);
            assertTrue(message.contains("第 " + (row + 1) + " 行") && message.contains(reader.nameColumn() + " 列"), message);
            healthy();
        }
    }

    @Test
    void aGb18030FileWithBrokenBytesIsRefusedNamingTheRow() throws Exception {
        Charset gb = Charset.forName("GB18030");
        for (Reader reader : Reader.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write((String.join(",", reader.header) + "\r\n").getBytes(gb));
            out.write((line(reader, "罗平县甲有限公司") + "\r\n").getBytes(gb));
            // 0x81 0x20: a lead byte without its trail byte, which decoding would turn into U+FFFD
            byte[] broken = (line(reader, "罗平县乙XX公司") + "\r\n").getBytes(gb);
            int at = indexOf(broken, "XX".getBytes(gb));
            broken[at] = (byte) 0x81;
            broken[at + 1] = (byte) 0x20;
            out.write(broken);
            Response r = refused(reader, "broken.csv", out.toByteArray());
            String message = messageOf(r);
            assertTrue(message.contains("编码") && message.contains("第 3 行"), message);
            healthy();
        }
    }

    // --- Helpers ---------------------------------------------------------------------------------

    /** Sends a file to a reader: a 4xx within 10 seconds, in Chinese, and nothing of it kept. */
    private Response refused(Reader reader, String name, byte[] file) throws Exception {
        String before = kept();
        long start = System.nanoTime();
        Response r = given().multiPart("file", name, file, "application/octet-stream").multiPart("source", "MARKET")
                .post(reader.path);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, reader + " " + name + ": " + r.statusCode() + " "
                + r.asString().substring(0, Math.min(500, r.asString().length())));
        assertTrue(millis < 10_000, reader + " " + name + " took " + millis + " ms");
        assertTrue(r.asString().length() < 20_000, reader + " " + name + ": an answer of " + r.asString().length());
        assertTrue(messageOf(r).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                messageOf(r));
        assertEquals(before, kept(), reader + " " + name + ": nothing of a refused file is kept");
        return r;
    }

    private static String messageOf(Response r) {
        String errors = r.jsonPath().getList("errors.message") == null ? ""
                : String.join(" ", r.jsonPath().<String>getList("errors.message"));
        return r.jsonPath().getString("message") + " " + errors;
    }

    /** What the readers may write: registers and their lines, survey previews, 五个一 checklists. */
    private String kept() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var r = s.executeQuery("select (select count(*) from register_import), (select count(*) from register_row),"
                     + " (select count(*) from survey_import), (select count(*) from party_standard)")) {
            r.next();
            return r.getLong(1) + "/" + r.getLong(2) + "/" + r.getLong(3) + "/" + r.getLong(4);
        }
    }

    /** Every county's lists answer, and a normal file is still read by the survey and the register readers. */
    private void healthy() {
        for (String county : List.of(LUOPING, LULIANG)) {
            given().queryParam("countyCode", county).get("/api/registers").then().statusCode(200);
            given().queryParam("countyCode", county).get("/api/surveys/imports").then().statusCode(200);
            given().queryParam("countyCode", county).get("/api/organizations").then().statusCode(200);
        }
        given().accept("text/html").get("/registers").then().statusCode(200);
        given().multiPart("file", "ok.csv", SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                        "罗平县正常公司,,企业,罗雄街道,,,,C,否,正常,10,1,,,,否,,无,未建立,,,,,,,"), "text/csv")
                .post(Reader.SURVEY.path).then().statusCode(201);
        given().multiPart("file", "ok.csv", "企业名称,登记状态,住所\r\n罗平县正常公司,存续,罗平县罗雄街道1号\r\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("source", "MARKET")
                .post(Reader.REGISTER.path).then().statusCode(201);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate register_import, register_row, survey_import cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSV line of the reader's row, the number as a plain 5 and the organization's name as given. */
    private static String line(Reader reader, String name) {
        List<String> cells = new ArrayList<>();
        for (Object o : reader.row) {
            cells.add(o instanceof Long ? "5" : o.toString());
        }
        cells.set(reader.nameAt, name);
        return String.join(",", cells);
    }

    /** An .xlsx of the reader's header and one row on a sheet 名单, its sheet XML changed as given. */
    private static byte[] xlsx(Reader reader, UnaryOperator<String> sheet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook book = new Workbook(out, "test", "1.0");
        Worksheet ws = book.newWorksheet("名单");
        for (int c = 0; c < reader.header.size(); c++) {
            ws.value(0, c, reader.header.get(c));
        }
        for (int c = 0; c < reader.row.size(); c++) {
            Object v = reader.row.get(c);
            if (v instanceof Long n) {
                ws.value(1, c, n);
            } else if (!v.toString().isEmpty()) {
                ws.value(1, c, v.toString());
            }
        }
        book.finish();
        return rewrite(out.toByteArray(), "xl/worksheets/sheet1.xml", sheet);
    }

    private static String withDoctype(String xml, String doctype) {
        int at = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
        return xml.substring(0, at) + doctype + xml.substring(at);
    }

    /** The zip with one entry's text changed, the others as they were (same order). */
    private static byte[] rewrite(byte[] zip, String name, UnaryOperator<String> change) throws IOException {
        Path file = Files.createTempFile("hostile", ".zip");
        try {
            Files.write(file, zip);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (ZipFile in = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(in.entries())) {
                    byte[] content = in.getInputStream(e).readAllBytes();
                    if (e.getName().equals(name)) {
                        content = change.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    }
                    entries.put(e.getName(), content);
                }
            }
            RawZip out = new RawZip();
            entries.forEach(out::add);
            return out.finish();
        } finally {
            Files.delete(file);
        }
    }

    /**
     * An .xlsx whose sheet inflates to {@code size} bytes of rows, in a few megabytes: the same
     * deflated megabyte (a row and spaces) repeated (each piece ends on a full flush, so they join into one
     * stream). {@code lying}: the zip's directories say the sheet is 1 MB.
     */
    private static byte[] zipBomb(long size, boolean lying) throws IOException {
        // a row, then spaces up to the megabyte: what a sheet may hold between two rows
        byte[] rows = "<row><c t=\"inlineStr\"><is><t>罗平县某某有限公司</t></is></c></row>".getBytes(StandardCharsets.UTF_8);
        byte[] piece = java.util.Arrays.copyOf(rows, 1 << 20);
        for (int i = rows.length; i < piece.length; i++) {
            piece[i] = ' ';
        }
        Deflater deflater = new Deflater(9, true);
        deflater.setInput(piece);
        byte[] buffer = new byte[1 << 20];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        deflater.end();
        byte[] deflated = java.util.Arrays.copyOf(buffer, n);
        long pieces = size / piece.length;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        byte[] head = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                + "spreadsheetml/2006/main\"><sheetData>").getBytes(StandardCharsets.UTF_8);
        Deflater first = new Deflater(9, true);
        first.setInput(head);
        n = first.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
        first.end();
        data.write(buffer, 0, n);
        crc.update(head);
        for (long i = 0; i < pieces; i++) {
            data.write(deflated);
            crc.update(piece);
        }
        data.write(new byte[]{3, 0}); // the last, empty block
        long inflated = head.length + pieces * piece.length;

        RawZip zip = new RawZip();
        byte[] template = xlsx(Reader.REGISTER, UnaryOperator.identity());
        Path file = Files.createTempFile("hostile", ".zip");
        try {
            Files.write(file, template);
            try (ZipFile in = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(in.entries())) {
                    if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                        zip.addDeflated(e.getName(), data.toByteArray(), crc.getValue(), lying ? 1 << 20 : inflated);
                    } else {
                        zip.add(e.getName(), in.getInputStream(e).readAllBytes());
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
        return zip.finish();
    }

    /** A zip written field by field, so that an entry may be deflated beforehand and its sizes told as wished. */
    private static final class RawZip {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream central = new ByteArrayOutputStream();
        private int count;

        void add(String name, byte[] content) {
            Deflater d = new Deflater(6, true);
            d.setInput(content);
            d.finish();
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (!d.finished()) {
                deflated.write(buffer, 0, d.deflate(buffer));
            }
            d.end();
            CRC32 crc = new CRC32();
            crc.update(content);
            addDeflated(name, deflated.toByteArray(), crc.getValue(), content.length);
        }

        void addDeflated(String name, byte[] deflated, long crc, long size) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            ByteBuffer local = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) 8).putShort((short) 0)
                    .putShort((short) 0x21).putInt((int) crc).putInt(deflated.length).putInt((int) size)
                    .putShort((short) n.length).putShort((short) 0);
            out.writeBytes(local.array());
            out.writeBytes(n);
            out.writeBytes(deflated);
            ByteBuffer dir = ByteBuffer.allocate(46).order(ByteOrder.LITTLE_ENDIAN);
            dir.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800).putShort((short) 8)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) crc).putInt(deflated.length).putInt((int) size)
                    .putShort((short) n.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offset);
            central.writeBytes(dir.array());
            central.writeBytes(n);
            count++;
        }

        byte[] finish() {
            int at = out.size();
            out.writeBytes(central.toByteArray());
            ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) count).putShort((short) count)
                    .putInt(central.size()).putInt(at).putShort((short) 0);
            out.writeBytes(end.array());
            return out.toByteArray();
        }
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= in.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
