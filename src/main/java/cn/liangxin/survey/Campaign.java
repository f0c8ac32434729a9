package cn.liangxin.survey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A 摸底 campaign: which townships must report by when. What is committed for its townships'
 * organizations from {@code startsOn} through {@code deadline} (until it is closed) counts toward it.
 */
public record Campaign(long id, String countyCode, String name, LocalDate startsOn, LocalDate deadline,
                       List<String> townships, String createdBy, Instant createdAt, Instant closedAt, String closedBy) {

    /** Whether the county's 党工委 has closed it: it counts nothing committed since, and takes no changes. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isClosed() {
        return closedAt != null;
    }
}
