package cn.liangxin.goal;

import cn.liangxin.rules.GoalMetric;

import java.math.BigDecimal;

/** A coverage goal: a target rate of a metric for a year, for the county or for every township. */
public record Goal(long id, String countyCode, int year, GoalMetric metric, BigDecimal target, Scope scope) {

    /** Whether the target is the county's as a whole or every township's. */
    public enum Scope { COUNTY, TOWNSHIP }
}
