package cn.liangxin.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV writer of every download: UTF-8 with a byte-order mark (Excel then opens the Chinese
 * intact), and every text cell that a spreadsheet would take for a formula written inert.
 */
public final class Csv {

    private final CSVPrinter printer;

    private Csv(CSVPrinter printer) {
        this.printer = printer;
    }

    /** Starts a CSV file on {@code out}. */
    public static Csv open(OutputStream out) throws IOException {
        out.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        return new Csv(new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), CSVFormat.EXCEL));
    }

    /** One record; each cell made inert. */
    public void row(List<String> cells) throws IOException {
        List<String> safe = new ArrayList<>(cells.size());
        for (String c : cells) {
            safe.add(c == null ? "" : inert(c));
        }
        printer.printRecord(safe);
    }

    /** A number or rate cell, written as it is (a leading minus is a number, not a formula). */
    public static String number(Object value) {
        return value == null ? "" : value.toString();
    }

    public void flush() throws IOException {
        printer.flush();
    }

    /**
     * A text that a spreadsheet would take for a formula (=, +, -, @, or a leading tab or carriage
     * return) gets a leading apostrophe, so it shows as typed and runs nothing. A plain number
     * (-3, +5, -0.25) stays a number.
     */
    public static String inert(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !NUMBER.matcher(text).matches()) {
            return "'" + text;
        }
        return text;
    }

    /** The text a cell held before {@link #inert}: what a file written here reads back as. */
    public static String revert(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?\\d+(\\.\\d+)?");
}
