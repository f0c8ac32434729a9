package cn.liangxin.goal;

import java.util.List;
import java.util.Map;

/**
 * The data-quality score as the goals read it ({@code GoalMetric.DATA_QUALITY}). The report that
 * computes it implements this, so that goals depend on no report.
 */
public interface QualityScores {

    /** Each township's score (0–100, null: nothing to score) by code, and the total's. */
    record Scores(Map<String, Integer> townships, Integer total) {
    }

    /** The scores of a county's townships in the caller's scope (or of the one township asked for), measured now. */
    Scores scores(String county, String township);

    /**
     * The organizations that lower the score now: blank spots whose survey fields are incomplete,
     * organizations not confirmed within the freshness window, and organizations with an open warning.
     */
    List<Goals.Shortfall> lowering(String county, String township);
}
