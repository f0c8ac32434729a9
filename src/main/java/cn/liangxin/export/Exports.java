package cn.liangxin.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes a report as an Excel workbook or as CSV that Excel opens with its Chinese intact. */
public final class Exports {

    private Exports() {
    }

    /**
     * One sheet: a title row naming scope and date, a frozen header row, the rows, and an optional
     * last row (the total) in bold.
     */
    public static <T> void xlsx(OutputStream out, String sheet, String title, List<Column<T>> columns, List<T> rows,
                         T total) throws IOException {
        Workbook wb = new Workbook(out, "liangxin", "1.0");
        Worksheet ws = wb.newWorksheet(sheet);
        int last = columns.size() - 1;
        ws.value(0, 0, title);
        ws.range(0, 0, 0, last).merge();
        ws.style(0, 0).bold().fontSize(14).set();
        ws.rowHeight(0, 24);
        for (int c = 0; c < columns.size(); c++) {
            ws.value(1, c, columns.get(c).header());
            ws.width(c, columns.get(c).width() * 1.8 + 2);
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
            for (int c = 0; c < columns.size(); c++) {
                Column<T> col = columns.get(c);
                Object v = col.value(all.get(r));
                if (v instanceof Number n && col.type() == Column.Type.RATE) {
                    ws.value(row, c, n.doubleValue());
                    ws.style(row, c).format("0.00%").set();
                } else if (v instanceof Number n) {
                    ws.value(row, c, n);
                } else {
                    ws.value(row, c, col.text(all.get(r)));
                }
            }
        }
        if (total != null) {
            ws.range(all.size() + 1, 0, all.size() + 1, last).style().bold().set();
        }
        wb.finish();
    }

    /** UTF-8 with a byte-order mark, a header row and the rows (and the total as the last row). */
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
                cells.add(c.type() == Column.Type.RATE && v != null ? Csv.number(v) : c.text(row));
            }
            p.row(cells);
        }
        p.flush();
    }
}
