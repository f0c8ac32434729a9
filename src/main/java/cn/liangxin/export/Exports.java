package cn.liangxin.export;

import cn.liangxin.web.Msg;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Writes a report as an Excel workbook or as CSV that Excel opens with its Chinese intact. */
public final class Exports {

    /** How a day reads in a workbook's date cells. */
    static final String DATE_FORMAT = "yyyy-mm-dd";
    /** The width of the 序号 column, in characters. */
    private static final int INDEX_WIDTH = 6;
    /** The size of the sheet's text (the workbook's default font) and the least it may shrink to on paper, in points. */
    private static final double TEXT_POINTS = 11, LEAST_POINTS = 8;
    /** The least print scale, in percent: 11-point text printed at 8 points or more (73 %). */
    public static final int LEAST_SCALE = (int) Math.ceil(LEAST_POINTS / TEXT_POINTS * 100);
    /** What A4 landscape holds across, in points: 297 mm less the left and right margins (0.7 inch each). */
    public static final double PRINT_WIDTH = (297 / 25.4 - 2 * 0.7) * 72;

    private Exports() {
    }

    /**
     * One sheet, ready to filter and to print: a title row naming scope and date, a frozen header row,
     * the rows numbered 1..n in a first column 序号, and an optional last row (the total, unnumbered)
     * in bold. Header and rows have thin borders and an autofilter (not the title, not the total);
     * days are date cells, and a value left out is an empty cell. Printed on A4 landscape with title and
     * header on every page: one page wide when the columns fit at {@link #LEAST_SCALE} or more; a wider
     * sheet at that scale, across as many pages as it takes, 序号 and the first column (through the
     * name) repeated on each, so that no text prints under 8 points.
     */
    public static <T> void xlsx(OutputStream out, String sheet, String title, List<Column<T>> columns, List<T> rows,
                         T total) throws IOException {
        Workbook wb = new Workbook(out, "liangxin", "1.0");
        Worksheet ws = wb.newWorksheet(sheet);
        int last = columns.size();
        ws.value(0, 0, title);
        ws.range(0, 0, 0, last).merge();
        ws.style(0, 0).bold().fontSize(14).set();
        ws.rowHeight(0, 24);
        ws.value(1, 0, Msg.t("print.index"));
        ws.width(0, INDEX_WIDTH);
        for (int c = 0; c < columns.size(); c++) {
            ws.value(1, c + 1, columns.get(c).header());
            ws.width(c + 1, width(columns.get(c)));
        }
        ws.range(1, 0, 1, last).style().bold().wrapText(true).fillColor("DDEBF7")
                .horizontalAlignment("center").verticalAlignment("center").borderStyle("thin").set();
        ws.rowHeight(1, 36);
        ws.freezePane(0, 2);
        List<T> all = new ArrayList<>(rows);
        if (total != null) {
            all.add(total);
        }
        for (int r = 0; r < all.size(); r++) {
            int row = r + 2;
            if (r < rows.size()) {
                ws.value(row, 0, r + 1);
            }
            for (int c = 0; c < columns.size(); c++) {
                Column<T> col = columns.get(c);
                Object v = col.value(all.get(r));
                if (v instanceof Number n && col.type() == Column.Type.RATE) {
                    // kept by the rule, so that the cell shows what the page shows
                    ws.value(row, c + 1, cn.liangxin.rules.Rates.kept(new java.math.BigDecimal(n.toString())).doubleValue());
                    ws.style(row, c + 1).format("0.00%").set();
                } else if (v instanceof LocalDate d) {
                    ws.value(row, c + 1, d);
                    ws.style(row, c + 1).format(DATE_FORMAT).set();
                } else if (v instanceof Number n) {
                    ws.value(row, c + 1, n);
                } else if (v != null) {
                    ws.value(row, c + 1, col.text(all.get(r)));
                }
            }
        }
        int lastRow = all.size() + 1;
        if (!all.isEmpty()) {
            ws.range(2, 0, lastRow, last).style().borderStyle("thin").set();
        }
        if (total != null) {
            ws.range(lastRow, 0, lastRow, last).style().bold().set();
        }
        ws.setAutoFilter(1, 0, rows.size() + 1, last);
        ws.pageOrientation("landscape");
        ws.paperSize(PaperSize.A4_PAPER);
        if (printWidth(columns) * LEAST_SCALE / 100 <= PRINT_WIDTH) {
            ws.fitToWidth((short) 1);
            ws.fitToHeight((short) 0);
        } else {
            ws.pageScale(LEAST_SCALE);
            ws.repeatCols(0, repeated(columns));
        }
        ws.repeatRows(0, 1);
        wb.finish();
    }

    /**
     * The sheet's width on paper at 100 %, at most, in points. A unit of column width is a digit of the
     * default font: 5¼ points with Calibri, 7 where the reader lacks Calibri and measures a wider font
     * (LibreOffice with DejaVu Sans); the wider is taken, so that a sheet fit to the page never shrinks
     * its text under 8 points.
     */
    public static double printWidth(List<? extends Column<?>> columns) {
        double chars = INDEX_WIDTH;
        for (Column<?> c : columns) {
            chars += width(c);
        }
        return chars * POINTS_PER_CHARACTER;
    }

    /** The widest a unit of column width prints at 100 %, in points (a digit of DejaVu Sans at 11 points). */
    public static final double POINTS_PER_CHARACTER = 7;

    private static double width(Column<?> c) {
        return c.width() * 1.8 + 2;
    }

    /** The last sheet column repeated on every page of a wide sheet: the first column's, or the name's when it comes second. */
    static int repeated(List<? extends Column<?>> columns) {
        return columns.size() > 1 && columns.get(1).key().equals("name") ? 2 : 1;
    }

    /**
     * UTF-8 with a byte-order mark, a header row and the rows (and the total as the last row); days
     * as YYYY-MM-DD. No 序号 column: a CSV file is read by programs by its columns' positions.
     */
    public static <T> void csv(OutputStream out, List<Column<T>> columns, List<T> rows, T total) throws IOException {
        Csv p = Csv.open(out);
        p.row(columns.stream().map(Column::header).toList());
        List<T> all = new ArrayList<>(rows);
        if (total != null) {
            all.add(total);
        }
        for (T row : all) {
            List<String> cells = new ArrayList<>(columns.size());
            for (Column<T> c : columns) {
                Object v = c.value(row);
                cells.add(c.type() == Column.Type.RATE && v != null
                        ? Csv.number(cn.liangxin.rules.Rates.kept(new java.math.BigDecimal(v.toString()))) : c.text(row));
            }
            p.row(cells);
        }
        p.flush();
    }
}
