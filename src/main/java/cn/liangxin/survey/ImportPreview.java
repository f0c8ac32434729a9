package cn.liangxin.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * What an upload would change, row by row; nothing of it is in the registry until committed. The
 * answer to a commit carries the summary only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportPreview(long id, String countyCode, String fileName, String format, String status,
                            Summary summary, List<String> unknownColumns, List<Row> rows, RowPage rowsPage,
                            Instant committedAt) {

    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(cn.liangxin.time.Days.ZONE);

    /** When it was committed, to the minute in the counties' time, as a page shows it. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String committedAtText() {
        return committedAt == null ? "" : MINUTE.format(committedAt);
    }

    /** How the rows of a file fall. */
    public record Summary(int rows, @JsonProperty("new") int created, int changed, int unchanged, int rejected,
                          int warnings) {

        /** Rows that write to the registry when committed: the new and the changed ones. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public int written() {
            return created + changed;
        }
    }

    /** What one row does: NEW, CHANGED, UNCHANGED or REJECTED, with its changes and problems. */
    public record Row(String sheet, int row, String status, Long organizationId, String name, List<Change> changes,
                      List<CellProblem> errors, List<CellProblem> warnings) {
    }

    /**
     * Which rows {@code rows} holds: those of {@code status} (all when null; only rows with warnings
     * when {@code warned}), {@code limit} of the {@code matching} from {@code offset}, in file order.
     */
    public record RowPage(String status, boolean warned, int offset, int limit, int matching) {
    }

    /** One field that a row changes. */
    public record Change(String field, String from, String to) {
    }
}
