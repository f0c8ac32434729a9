package cn.liangxin.survey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/**
 * A 摸底 campaign to start, or its new terms: a name, the day it starts (when absent: today when
 * started, unchanged when changed), its deadline, and its townships (all the county's in scope when
 * absent; an empty list is refused). The API's JSON and the page's form bind to it alike.
 */
public record CampaignInput(@NotBlank @Size(max = 200) String name, LocalDate startsOn, @NotNull LocalDate deadline,
                            @Size(min = 1, max = 500, message = "{campaign.townships.size}")
                            List<@Pattern(regexp = "\\d{9}") String> townships) {
}
