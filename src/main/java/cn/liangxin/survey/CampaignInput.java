package cn.liangxin.survey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** A new 摸底 campaign: all townships in scope when none are named. */
public record CampaignInput(@NotBlank @Size(max = 200) String name, @NotNull LocalDate deadline,
                            @Size(max = 500) List<@Pattern(regexp = "\\d{9}") String> townships) {
}
