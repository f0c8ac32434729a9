package cn.liangxin.spreadsheet;

import java.util.List;

/**
 * One row of an uploaded file as text: the sheet it is on, its number as Excel shows it (1-based),
 * and its cells left to right ("" for an empty cell). Numbers come as plain decimals without
 * exponent or grouping (12, 3.5), dates as ISO {@code yyyy-MM-dd}, booleans as 是/否.
 */
public record SheetRow(String sheet, int number, List<String> cells) {

    /** The cell at a 0-based column, "" past the end. */
    public String cell(int column) {
        return column < cells.size() && cells.get(column) != null ? cells.get(column) : "";
    }

    public boolean blank() {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}
