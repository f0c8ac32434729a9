package cn.liangxin.survey;

/** A problem with one cell of an uploaded file: where it is, what it holds, and what is wrong, in Chinese. */
public record CellProblem(String sheet, int row, String column, String value, String message) {
}
