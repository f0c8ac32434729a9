package cn.liangxin.survey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A 摸底 campaign: which townships must report by when. */
public record Campaign(long id, String countyCode, String name, LocalDate deadline, List<String> townships,
                       String createdBy, Instant createdAt) {
}
