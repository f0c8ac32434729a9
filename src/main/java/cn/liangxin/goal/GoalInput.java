package cn.liangxin.goal;

import cn.liangxin.rules.GoalMetric;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/**
 * What the county sends to set a goal. The target is a rate between 0 and 1 (0.8 = 80 %);
 * {@code countyCode} is the county it belongs to (needed only where the caller has several).
 */
public record GoalInput(
        @NotNull @Min(2000) @Max(2100) Integer year,
        @NotNull GoalMetric metric,
        @NotNull @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 4) BigDecimal target,
        @NotNull Goal.Scope scope,
        @jakarta.validation.constraints.Pattern(regexp = "\\d{6}") String countyCode) {

    /** A goal without a county named: the caller's only county, or the request's. */
    public GoalInput(Integer year, GoalMetric metric, BigDecimal target, Goal.Scope scope) {
        this(year, metric, target, scope, null);
    }
}
