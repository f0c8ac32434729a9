package cn.liangxin.report;

import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;

/**
 * How the figures a person cannot count by hand are made, in a sentence each, under the tables that
 * show them ({@code {inject:figureNotes.quality}}): the data-quality score from its weighted parts,
 * the funding estimate from the members.
 */
@ApplicationScoped
@Named("figureNotes")
public class FigureNotes {

    private final Quality quality;
    private final CoverageReport report;

    public FigureNotes(Quality quality, CoverageReport report) {
        this.quality = quality;
        this.report = report;
    }

    /** 数据质量得分: its parts and their weights, as configured. */
    public String quality() {
        Map<String, Integer> w = quality.weights();
        return Msg.t("notes.quality", w.get("completeness"), w.get("freshness"), w.get("registerCoverage"), w.get("noWarnings"));
    }

    /** 党建工作经费测算: formal members times the yuan configured for each. */
    public String funding() {
        return Msg.t("notes.funding", report.fundingPerMember());
    }
}
