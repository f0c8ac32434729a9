package cn.liangxin.spreadsheet;

import cn.liangxin.spreadsheet.SurveyFileException.Problem;
import cn.liangxin.web.Msg;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Opens an uploaded survey file (.xlsx, .xls, CSV in UTF-8 or GB18030, told by content) as rows of text. */
public final class SurveyFiles {

    /** What an upload may hold; {@link #DEFAULTS} suit a township's survey. */
    public record Limits(long maxBytes, int maxRows, int maxColumns, long maxUncompressedBytes) {
        public static final Limits DEFAULTS = new Limits(20L << 20, 100_000, 200, 200L << 20);
    }

    private static final int SNIFF = 8192;
    /** HSSF holds the whole .xls in memory, several times its size: larger ones must come as .xlsx. */
    private static final long MAX_XLS_STREAM = 10L << 20;
    /** Longest text a cell or a CSV record may have; Excel's own cell limit is 32,767 characters. */
    private static final int MAX_TEXT = 1 << 20;
    /** An entry inflating more than this many times its compressed size is a zip bomb, once it is big. */
    private static final int MAX_RATIO = 100;
    private static final long RATIO_FROM = 4L << 20;
    private static final int MAX_ENTRIES = 10_000;
    /** Excel's widest sheet: a row with more cells than this is not a spreadsheet's. */
    private static final int MAX_CELLS = 16_384;
    /**
     * The most digits a number may have before or after its decimal point: a count, an area, a phone
     * number or a date has far fewer. A number past it (1E+999999999) would be millions of characters
     * written out, so it is refused before it is.
     */
    static final int MAX_DIGITS = 20;
    /**
     * The longest number a sheet may spell out: its digits are refused unparsed past this, since
     * taking a number of a million digits apart holds a thread for minutes.
     */
    private static final int MAX_NUMBER_TEXT = 64;
    /** Excel shows 15 significant digits; more would be binary noise (0.1 + 0.2). */
    private static final MathContext EXCEL_DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);

    private SurveyFiles() {
    }

    /**
     * Opens a file for reading: the first non-blank row is read at once, so an unreadable or empty file
     * fails here. Later, {@code hasNext()} and {@code next()} throw {@link SurveyFileException} without
     * declaring it (an {@link Iterator} cannot): read inside the try that calls {@code open} and its
     * {@code catch (SurveyFileException e)} catches both. Blank rows are skipped.
     */
    public static RowSource open(Path file, String fileName, Limits limits) throws SurveyFileException {
        Upload up = new Upload(file, fileName, limits);
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw up.fail(Problem.EMPTY, null);
            }
            if (size > limits.maxBytes()) {
                throw up.fail(Problem.TOO_LARGE, null, mb(size), mb(limits.maxBytes()));
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(SNIFF);
            }
            Rows rows;
            if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
                rows = xlsx(up);
            } else if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
                rows = xls(up);
            } else {
                rows = csv(up, head);
            }
            if (!rows.hasNext()) {
                rows.close();
                throw up.fail(Problem.EMPTY, null);
            }
            return rows;
        } catch (SurveyFileException e) {
            throw e;
        } catch (Exception e) {
            throw up.corrupt(e, null);
        }
    }

    /** The file being opened, for messages. */
    private record Upload(Path file, String name, Limits limits) {

        SurveyFileException fail(Problem problem, String detail, Object... args) {
            return SurveyFileException.of(problem, detail, name, args);
        }

        SurveyFileException corrupt(Exception cause, Rows at) {
            SurveyFileException e = at == null || at.number == 0
                    ? fail(Problem.CORRUPT, null)
                    : fail(Problem.CORRUPT, "row", at.sheet, at.number);
            e.initCause(cause);
            return e;
        }
    }

    // --- Reading rows, whatever the format --------------------------------------------------------

    /** Skips blank rows, trims trailing empty cells, counts rows and columns against the limits. */
    abstract static class Rows implements RowSource {
        final Upload up;
        private final String format;
        /** Where reading is: the sheet and the row last read, for messages. */
        String sheet = "";
        int number;
        private SheetRow ahead;
        private boolean done;
        private String firstRowOf;
        private long counted;

        Rows(Upload up, String format) {
            this.up = up;
            this.format = format;
        }

        /** The next row, blank or not, or null at the end. */
        abstract SheetRow read() throws Exception;

        abstract void release() throws Exception;

        @Override
        public String format() {
            return format;
        }

        @Override
        public boolean hasNext() {
            if (ahead == null && !done) {
                try {
                    fill();
                } catch (SurveyFileException e) {
                    close();
                    throw sneaky(e);
                } catch (Exception e) {
                    close();
                    throw sneaky(up.corrupt(e, this));
                }
            }
            return ahead != null;
        }

        @Override
        public SheetRow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            SheetRow row = ahead;
            ahead = null;
            return row;
        }

        private void fill() throws Exception {
            while (ahead == null) {
                SheetRow row = read();
                if (row == null) {
                    close();
                    return;
                }
                if (row.blank()) {
                    continue;
                }
                List<String> cells = row.cells();
                for (int c = 0; c < cells.size(); c++) {
                    // PostgreSQL keeps no NUL in text: refused here, where the cell can be named
                    if (cells.get(c) != null && cells.get(c).indexOf('\u0000') >= 0) {
                        throw up.fail(Problem.CORRUPT, "nul", row.sheet(), row.number(), column(c));
                    }
                }
                int width = cells.size();
                while (width > 0 && (cells.get(width - 1) == null || cells.get(width - 1).isEmpty())) {
                    width--;
                }
                if (width > up.limits().maxColumns()) {
                    throw up.fail(Problem.TOO_LARGE, "columns", row.sheet(), row.number(), up.limits().maxColumns());
                }
                // The first row of each sheet is its header, not a data row.
                if (!row.sheet().equals(firstRowOf)) {
                    firstRowOf = row.sheet();
                } else if (++counted > up.limits().maxRows()) {
                    throw up.fail(Problem.TOO_MANY_ROWS, null, up.limits().maxRows());
                }
                ahead = width == cells.size() ? row : new SheetRow(row.sheet(), row.number(), List.copyOf(cells.subList(0, width)));
            }
        }

        @Override
        public void close() {
            if (!done) {
                done = true;
                try {
                    release();
                } catch (Exception ignored) {
                    // Nothing more is read from a file being let go.
                }
            }
        }
    }

    /** Throws a checked exception where the signature cannot declare it (Iterator). */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }

    // --- .xlsx ----------------------------------------------------------------------------------

    private static Rows xlsx(Upload up) throws Exception {
        guardZip(up);
        ReadableWorkbook book = new ReadableWorkbook(up.file().toFile(), new ReadingOptions(true, false));
        return new XlsxRows(up, book);
    }

    /**
     * Inflates every entry once, counting, before fastexcel-reader sees the file: fastexcel keeps a whole
     * shared string or cell text, and a whole row, in memory, so a zip bomb must be refused first.
     */
    private static void guardZip(Upload up) throws Exception {
        long max = up.limits().maxUncompressedBytes();
        try (ZipFile zip = new ZipFile(up.file().toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            boolean workbook = false;
            long declared = 0;
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                // The two zip readers might pick different ones of two same-named entries.
                if (entries.size() >= MAX_ENTRIES || !names.add(entry.getName().toLowerCase(Locale.ROOT))) {
                    throw up.fail(Problem.CORRUPT, null);
                }
                entries.add(entry);
                workbook |= entry.getName().equalsIgnoreCase("xl/workbook.xml");
                declared += Math.max(entry.getSize(), 0);
                if (entry.getSize() > max || declared > max) {
                    throw up.fail(Problem.TOO_LARGE, "unpacked", mb(max));
                }
            }
            if (!workbook) {
                throw up.fail(Problem.NOT_SPREADSHEET, "document");
            }
            byte[] buffer = new byte[1 << 16];
            long inflated = 0;
            for (ZipEntry entry : entries) {
                long entryBytes = 0;
                long ratioLimit = MAX_RATIO * Math.max(entry.getCompressedSize(), 1);
                XmlGuard xml = null;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        if (entryBytes == 0 && XmlGuard.looksLikeXml(buffer, n)) {
                            xml = new XmlGuard();
                        }
                        entryBytes += n;
                        inflated += n;
                        if (inflated > max || entryBytes > RATIO_FROM && entryBytes > ratioLimit) {
                            throw up.fail(Problem.TOO_LARGE, "unpacked", mb(max));
                        }
                        if (xml != null && !xml.feed(buffer, n)) {
                            if (xml.refused == XmlGuard.Refusal.DOCTYPE) {
                                throw up.fail(Problem.CORRUPT, "doctype");
                            }
                            if (xml.refused == XmlGuard.Refusal.NUMBER) {
                                String[] at = cell(zip, entry.getName(), xml.cellRef());
                                throw up.fail(Problem.TOO_LARGE, "number", at[0], at[1], at[2], MAX_DIGITS);
                            }
                            throw up.fail(Problem.CORRUPT, "structure");
                        }
                    }
                }
            }
        }
    }

    /**
     * Bounds, byte by byte, what an XML parser would hold at once: the text between two tags (a whole
     * CDATA section counts as one), the cells of one row and the digits of one number; and refuses a
     * document type declaration, which Excel never writes and through which entities would come.
     */
    private static final class XmlGuard {
        private static final byte[] CDATA = "![CDATA[".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] DOCTYPE = "!DOCTYPE".getBytes(StandardCharsets.US_ASCII);
        /** A cell tag's type attribute (t="s", t="n", …). */
        private static final Pattern CELL_TYPE = Pattern.compile("(?:^|\\s)t\\s*=\\s*[\"']([^\"']*)[\"']");
        /** The characters that close a CDATA section (]]>), counted with a number written in one. */
        private static final int CDATA_MARKS = 3;
        private static final Pattern REF = Pattern.compile("(?:^|\\s)r\\s*=\\s*[\"']\\$?([A-Za-z]{1,3})\\$?([0-9]{1,7})[\"']");

        /** Why a part was refused. */
        enum Refusal { NONE, STRUCTURE, DOCTYPE, NUMBER }

        Refusal refused = Refusal.NONE;
        private final byte[] name = new byte[CDATA.length];
        /** Length of the tag name being read after '<', -1 outside one. */
        private int nameLength = -1;
        private int run;
        private int tail;
        private boolean inCdata;
        /** Inside a tag, after its name: until its '>'. */
        private boolean inTag;
        private int cells;
        private int rows;
        /** The tag being read is a value's ({@code <v>}): its text is counted once the tag ends. */
        private boolean valueTag;
        /** Whether the cell last opened holds a number (no type, or type n). */
        private boolean numericCell;
        /** Inside the value of a numeric cell: every character of it counts, escaped or in CDATA alike. */
        private boolean inNumber;
        private int numberLength;
        /** Digits of the value being read, -1 when it is not (or no longer) a number being spelt out. */
        private int digits = -1;
        /** The attributes of the last cell tag, for its reference (r="B2"). */
        private final byte[] cellTag = new byte[128];
        private int cellTagLength = -1;
        private boolean inCellTag;

        static boolean looksLikeXml(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                int c = b[i] & 0xff;
                if (c == '<') {
                    return true;
                }
                if (c != 0xEF && c != 0xBB && c != 0xBF && !Character.isWhitespace(c)) {
                    return false;
                }
            }
            return false;
        }

        /** False as soon as the part holds what is not to be parsed ({@link #refused} says what). */
        boolean feed(byte[] b, int n) {
            for (int i = 0; i < n; i++) {
                byte c = b[i];
                tail = (tail << 8 | c & 0xff) & 0xffffff;
                if (inCdata) {
                    inCdata = tail != (']' << 16 | ']' << 8 | '>');
                    if (inNumber && ++numberLength > MAX_NUMBER_TEXT + CDATA_MARKS) {
                        return refuse(Refusal.NUMBER);
                    }
                } else if (c == '<') {
                    run = 0;
                    nameLength = 0;
                    digits = -1;
                    inTag = true;
                    inCellTag = false;
                    continue;
                } else if (nameLength >= 0) {
                    if (c == '>' || c == '/' && nameLength > 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                        if (!tag()) {
                            return false;
                        }
                        nameLength = -1;
                    } else {
                        if (nameLength < name.length) {
                            name[nameLength] = c;
                        }
                        if (++nameLength == CDATA.length && java.util.Arrays.equals(name, CDATA)) {
                            inCdata = true;
                            inTag = false;
                            nameLength = -1;
                        } else if (nameLength == DOCTYPE.length && java.util.Arrays.equals(name, DOCTYPE)) {
                            return refuse(Refusal.DOCTYPE);
                        }
                    }
                }
                if (inTag && nameLength < 0) {
                    if (c == '>') {
                        if (inCellTag) {
                            numericCell = numeric(new String(cellTag, 0, Math.max(cellTagLength, 0), StandardCharsets.US_ASCII));
                        }
                        inTag = false;
                        inCellTag = false;
                        inNumber = valueTag && numericCell;
                        numberLength = 0;
                        digits = valueTag ? 0 : -1;
                        valueTag = false;
                    } else if (inCellTag && cellTagLength < cellTag.length) {
                        cellTag[cellTagLength++] = c;
                    }
                } else if (inNumber && !inTag && c != '<' && c != ' ' && c != '\t' && c != '\r' && c != '\n'
                        && ++numberLength > MAX_NUMBER_TEXT + CDATA_MARKS) {
                    return refuse(Refusal.NUMBER);
                } else if (digits >= 0 && !inTag) {
                    if (c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+' || c == 'E' || c == 'e') {
                        if (++digits > MAX_NUMBER_TEXT) {
                            return refuse(Refusal.NUMBER);
                        }
                    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                        digits = -1;
                    }
                }
                if (++run > MAX_TEXT) {
                    return refuse(Refusal.STRUCTURE);
                }
            }
            return true;
        }

        private boolean refuse(Refusal why) {
            refused = why;
            return false;
        }

        /** A start tag's name has been read: count the rows and the cells of a row, mark a value. */
        /** Whether a cell tag's attributes make it a number: no type, or type n. */
        private static boolean numeric(String attributes) {
            Matcher m = CELL_TYPE.matcher(attributes);
            return !m.find() || "n".equals(m.group(1));
        }

        private boolean tag() {
            valueTag = false;
            if (nameLength > name.length) {
                return true;
            }
            int from = 0;
            for (int i = 0; i < nameLength; i++) {
                if (name[i] == ':') {
                    from = i + 1;
                }
            }
            int length = nameLength - from;
            if (length == 3 && name[from] == 'r' && name[from + 1] == 'o' && name[from + 2] == 'w') {
                cells = 0;
                rows++;
            } else if (length == 1 && name[from] == 'c') {
                inCellTag = true;
                cellTagLength = 0;
                if (++cells > MAX_CELLS) {
                    return refuse(Refusal.STRUCTURE);
                }
            } else if (length == 1 && name[from] == 'v') {
                valueTag = true;
            }
            return true;
        }

        /** The reference of the cell last read (B2): its r attribute, else counted from the rows and cells. */
        String cellRef() {
            String attributes = cellTagLength < 0 ? "" : new String(cellTag, 0, cellTagLength, StandardCharsets.US_ASCII);
            Matcher m = REF.matcher(attributes);
            return m.find() ? m.group(1).toUpperCase(Locale.ROOT) + m.group(2) : column(Math.max(cells - 1, 0)) + Math.max(rows, 1);
        }
    }

    /**
     * Sheet, row and column of a cell of a part, for a message: the sheet's name as the workbook
     * gives it to the part (its file name when the workbook does not say).
     */
    private static String[] cell(ZipFile zip, String part, String ref) {
        Matcher m = Pattern.compile("([A-Z]+)([0-9]+)").matcher(ref);
        String column = m.matches() ? m.group(1) : ref;
        String row = m.matches() ? m.group(2) : "?";
        String sheet = part.substring(part.lastIndexOf('/') + 1).replaceFirst("\\.xml$", "");
        try {
            String rels = text(zip, "xl/_rels/workbook.xml.rels");
            String book = text(zip, "xl/workbook.xml");
            String target = part.startsWith("xl/") ? part.substring(3) : part;
            String id = null;
            for (Matcher r = Pattern.compile("<(?:\\w+:)?Relationship\\b[^>]*>").matcher(rels); r.find() && id == null; ) {
                String t = attribute(r.group(), "Target");
                if (t != null && (t.equals(target) || t.equals("/" + part))) {
                    id = attribute(r.group(), "Id");
                }
            }
            for (Matcher s = Pattern.compile("<(?:\\w+:)?sheet\\b[^>]*>").matcher(book); s.find() && id != null; ) {
                if (id.equals(attribute(s.group(), "id"))) {
                    sheet = attribute(s.group(), "name");
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the part's file name, then
        }
        return new String[]{sheet, row, column};
    }

    /** A small part's text (the workbook, its relationships), "" when absent or not small. */
    private static String text(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            return "";
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
    }

    /** An attribute's value in a tag's text, by its local name, with XML's escapes and character references undone. */
    private static String attribute(String tag, String local) {
        Matcher m = Pattern.compile("\\s(?:\\w+:)?" + local + "\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')").matcher(tag);
        if (!m.find()) {
            return null;
        }
        String v = m.group(1) != null ? m.group(1) : m.group(2);
        StringBuilder out = new StringBuilder();
        Matcher escape = Pattern.compile("&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|quot|apos|amp));").matcher(v);
        while (escape.find()) {
            int code = escape.group(1) != null ? Integer.parseInt(escape.group(1), 16)
                    : escape.group(2) != null ? Integer.parseInt(escape.group(2))
                    : switch (escape.group(3)) {
                        case "lt" -> '<';
                        case "gt" -> '>';
                        case "quot" -> '"';
                        case "apos" -> '\'';
                        default -> '&';
                    };
            escape.appendReplacement(out, Matcher.quoteReplacement(Character.isValidCodePoint(code)
                    ? new String(Character.toChars(code)) : "\uFFFD"));
        }
        return escape.appendTail(out).toString();
    }

    private static final class XlsxRows extends Rows {
        private final ReadableWorkbook book;
        private final Iterator<Sheet> sheets;
        private final Map<String, Boolean> dateFormats = new HashMap<>();
        private Stream<Row> stream;
        private Iterator<Row> rows;

        XlsxRows(Upload up, ReadableWorkbook book) {
            super(up, "XLSX");
            this.book = book;
            this.sheets = book.getSheets().iterator();
        }

        @Override
        SheetRow read() throws IOException, SurveyFileException {
            while (rows == null || !rows.hasNext()) {
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
                if (!sheets.hasNext()) {
                    return null;
                }
                Sheet next = sheets.next();
                sheet = next.getName();
                number = 0;
                stream = next.openStream();
                rows = stream.iterator();
            }
            Row row = rows.next();
            // fastexcel-reader numbers a row without an r attribute from 0: count on from the last one.
            number = row.getRowNum() > number ? row.getRowNum() : number + 1;
            int width = Math.min(row.getCellCount(), MAX_CELLS);
            List<String> cells = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                cells.add(text(row.getCell(i), i));
            }
            return new SheetRow(sheet, number, cells);
        }

        private String text(Cell cell, int column) throws SurveyFileException {
            Object value = cell == null ? null : cell.getValue();
            if (value instanceof BigDecimal n) {
                BigDecimal shown = shown(n, this, column);
                String id = String.valueOf(cell.getDataFormatId());
                String format = cell.getDataFormatString();
                boolean date = dateFormats.computeIfAbsent(id + '\u0000' + format,
                        k -> isDateFormat(cell.getDataFormatId() == null ? -1 : cell.getDataFormatId(), format));
                return date ? date(shown.doubleValue(), book.isDate1904()) : shown.toPlainString();
            }
            if (value instanceof Boolean b) {
                return yesNo(b);
            }
            return value == null ? "" : value.toString();
        }

        @Override
        void release() throws IOException {
            try {
                if (stream != null) {
                    stream.close();
                }
            } finally {
                book.close();
            }
        }
    }

    // --- .xls -----------------------------------------------------------------------------------

    private static Rows xls(Upload up) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(up.file().toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            // An encrypted .xlsx (or .docx) is an OLE2 file holding the encrypted package.
            if (root.hasEntry("EncryptionInfo")) {
                throw up.fail(Problem.ENCRYPTED, null);
            }
            Entry workbook = null;
            boolean old = false;
            for (Entry entry : root) {
                old |= entry.getName().equalsIgnoreCase("Book");
                workbook = entry.getName().equalsIgnoreCase("Workbook") ? entry : workbook;
            }
            if (!(workbook instanceof DocumentEntry document)) {
                // "Book" alone is Excel 5.0/95 (BIFF5), which HSSF does not read.
                throw up.fail(Problem.NOT_SPREADSHEET, old ? "old" : "document");
            }
            if (document.getSize() > MAX_XLS_STREAM) {
                throw up.fail(Problem.TOO_LARGE, "xls", mb(MAX_XLS_STREAM));
            }
            return new XlsRows(up, new HSSFWorkbook(root, false));
        } catch (EncryptedDocumentException e) {
            throw up.fail(Problem.ENCRYPTED, null);
        } catch (OldExcelFormatException e) {
            throw up.fail(Problem.NOT_SPREADSHEET, "old");
        }
    }

    private static final class XlsRows extends Rows {
        private final HSSFWorkbook book;
        private final boolean date1904;
        private final Map<Short, Boolean> dateFormats = new HashMap<>();
        private int sheetIndex = -1;
        private Iterator<org.apache.poi.ss.usermodel.Row> rows;

        XlsRows(Upload up, HSSFWorkbook book) {
            super(up, "XLS");
            this.book = book;
            this.date1904 = book.getInternalWorkbook().isUsing1904DateWindowing();
        }

        @Override
        SheetRow read() throws SurveyFileException {
            while (rows == null || !rows.hasNext()) {
                if (++sheetIndex >= book.getNumberOfSheets()) {
                    return null;
                }
                sheet = book.getSheetName(sheetIndex);
                number = 0;
                rows = book.getSheetAt(sheetIndex).rowIterator();
            }
            org.apache.poi.ss.usermodel.Row row = rows.next();
            number = row.getRowNum() + 1;
            int width = Math.max(row.getLastCellNum(), 0);
            List<String> cells = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                cells.add(text(row.getCell(i), i));
            }
            return new SheetRow(sheet, number, cells);
        }

        private String text(org.apache.poi.ss.usermodel.Cell cell, int column) throws SurveyFileException {
            if (cell == null) {
                return "";
            }
            CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
            return switch (type) {
                case STRING -> cell.getRichStringCellValue().getString();
                case BOOLEAN -> yesNo(cell.getBooleanCellValue());
                case ERROR -> FormulaError.isValidCode(cell.getErrorCellValue())
                        ? FormulaError.forInt(cell.getErrorCellValue()).getString() : "";
                case NUMERIC -> {
                    CellStyle style = cell.getCellStyle();
                    boolean date = dateFormats.computeIfAbsent(style.getDataFormat(),
                            id -> isDateFormat(id, style.getDataFormatString()));
                    double value = cell.getNumericCellValue();
                    if (!Double.isFinite(value)) {
                        throw up.fail(Problem.TOO_LARGE, "number", sheet, number, column(column), MAX_DIGITS);
                    }
                    BigDecimal shown = shown(BigDecimal.valueOf(value), this, column);
                    yield date ? date(value, date1904) : shown.toPlainString();
                }
                default -> "";
            };
        }

        @Override
        void release() throws IOException {
            book.close();
        }
    }

    // --- CSV ------------------------------------------------------------------------------------

    private static Rows csv(Upload up, byte[] head) throws Exception {
        notText(head, up);
        boolean bom = startsWith(head, 0xEF, 0xBB, 0xBF);
        boolean utf8 = bom || strictUtf8(up.file());
        Charset charset = utf8 ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        String format = utf8 ? "CSV UTF-8" : "CSV GB18030";
        // bytes the encoding has no character for are refused, not turned into U+FFFD unseen
        int broken = brokenLine(up.file(), charset, bom ? 3 : 0);
        if (broken > 0) {
            throw up.fail(Problem.CORRUPT, "encoding", broken, utf8 ? "UTF-8" : "GB18030(GBK)");
        }
        InputStream in = Files.newInputStream(up.file());
        try {
            if (bom) {
                in.skipNBytes(3);
            }
            return new CsvRows(up, format, new InputStreamReader(in, strict(charset)));
        } catch (Exception e) {
            in.close();
            throw e;
        }
    }

    /** Refuses what is plainly not CSV text: binary bytes, a PDF, a web page or XML named .xls. */
    private static void notText(byte[] head, Upload up) throws SurveyFileException {
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            throw up.fail(Problem.NOT_SPREADSHEET, null);
        }
        int controls = 0;
        for (byte b : head) {
            if (b == 0) {
                throw up.fail(Problem.NOT_SPREADSHEET, null);
            }
            if (b > 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) {
                controls++;
            }
        }
        if (controls > Math.max(8, head.length / 100)) {
            throw up.fail(Problem.NOT_SPREADSHEET, null);
        }
        if (XmlGuard.looksLikeXml(head, head.length)) {
            throw up.fail(Problem.NOT_SPREADSHEET, "markup");
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The line (1-based) where the file, read from {@code skip} bytes on, first has bytes that are
     * no character of {@code charset}; 0 when it has none.
     */
    private static int brokenLine(Path file, Charset charset, int skip) throws IOException {
        CharsetDecoder decoder = strict(charset);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 14);
        java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 14);
        int line = 1;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(skip);
            boolean end = false;
            while (true) {
                int n = end ? -1 : in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                java.nio.charset.CoderResult result = decoder.decode(bytes, chars, end);
                if (result.isOverflow() || result.isUnderflow()) {
                    result = end && result.isUnderflow() ? decoder.flush(chars) : result;
                }
                chars.flip();
                for (int i = 0; i < chars.limit(); i++) {
                    line += chars.get(i) == '\n' ? 1 : 0;
                }
                chars.clear();
                if (result.isError()) {
                    return line;
                }
                bytes.compact();
                if (end && bytes.position() == 0) {
                    return 0;
                }
            }
        }
    }

    /** Whether the whole file decodes as UTF-8: GB18030 text almost never does. */
    private static boolean strictUtf8(Path file) throws IOException {
        try (Reader in = new InputStreamReader(Files.newInputStream(file), strict(StandardCharsets.UTF_8))) {
            char[] buffer = new char[1 << 14];
            while (in.read(buffer) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static final class CsvRows extends Rows {
        private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
                // Empty lines are rows too, or the numbers would not be the ones Excel shows.
                .setIgnoreEmptyLines(false)
                .setTrailingData(true)
                .get();
        private final Bounded text;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        CsvRows(Upload up, String format, Reader reader) throws IOException {
            super(up, format);
            // Excel names the one sheet of a CSV after the file.
            String name = up.name() == null ? "" : up.name();
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            sheet = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            this.text = new Bounded(reader);
            this.parser = CSVParser.parse(text, FORMAT);
            this.records = parser.iterator();
        }

        @Override
        SheetRow read() {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            text.read = 0;
            number = Math.toIntExact(record.getRecordNumber());
            // a cell this service wrote inert ('=…) reads back as it was typed
            return new SheetRow(sheet, number, record.stream().map(cn.liangxin.export.Csv::revert).toList());
        }

        @Override
        void release() throws IOException {
            parser.close();
        }

        /** Refuses a record (one line, or several within quotes) longer than {@link #MAX_TEXT} characters. */
        private final class Bounded extends FilterReader {
            long read;

            Bounded(Reader in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                int c = super.read();
                count(c < 0 ? 0 : 1);
                return c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > MAX_TEXT) {
                    throw sneaky(up.fail(Problem.TOO_LARGE, "line", sheet, number + 1, mb(MAX_TEXT)));
                }
            }
        }
    }

    // --- Cell text ------------------------------------------------------------------------------

    /**
     * Whether a number format shows dates: POI's test, plus the built-in formats 27–36 and 50–58, which
     * are dates in Chinese Excel (yyyy"年"m"月"d"日" …) and are not spelled out in the file.
     */
    private static boolean isDateFormat(int id, String format) {
        return DateUtil.isADateFormat(id, format) || id >= 27 && id <= 36 || id >= 50 && id <= 58;
    }

    private static String date(double serial, boolean date1904) {
        return DateUtil.isValidExcelDate(serial)
                ? DateUtil.getLocalDateTime(serial, date1904).toLocalDate().toString()
                : plain(BigDecimal.valueOf(serial));
    }

    /**
     * A number as Excel shows it (15 significant digits, no trailing zeros), to be written as a plain
     * decimal (12, 3.5); one with more than {@link #MAX_DIGITS} digits before or after its point is
     * refused, told by its precision and scale before it is written out.
     */
    private static BigDecimal shown(BigDecimal n, Rows at, int column) throws SurveyFileException {
        BigDecimal shown = n.round(EXCEL_DIGITS).stripTrailingZeros();
        long whole = (long) shown.precision() - shown.scale();
        if (whole > MAX_DIGITS || shown.scale() > MAX_DIGITS) {
            throw at.up.fail(Problem.TOO_LARGE, "number", at.sheet, at.number, column(column), MAX_DIGITS);
        }
        return shown;
    }

    /** A number as a plain decimal (a date serial Excel does not take as a date), no exponent, no trailing zeros. */
    private static String plain(BigDecimal n) {
        return n.round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** A column as Excel names it: A, Z, AA, XFD. */
    static String column(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    private static String yesNo(boolean b) {
        return Msg.t(b ? "common.yes" : "common.no");
    }

    /** A size as a clerk reads it: 512 B, 37 KB, 20 MB, 23.4 MB. */
    private static String mb(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        boolean kb = bytes < 1 << 20;
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(kb ? 1024 : 1 << 20), kb ? 0 : 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + (kb ? " KB" : " MB");
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
