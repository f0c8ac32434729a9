package cn.liangxin.settings;

import cn.liangxin.rules.Thresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The formation thresholds, from {@code liangxin.rules.*}. */
@ConfigMapping(prefix = "liangxin.rules")
public interface RulesConfig {

    /** Formal members from which an organization must form its own branch (党支部). */
    @WithDefault("3")
    int branchMinMembers();

    /** Formal members from which it should form a general branch (党总支). */
    @WithDefault("50")
    int generalBranchMinMembers();

    /** Formal members from which it may form a primary committee (基层党委). */
    @WithDefault("100")
    int committeeMinMembers();

    /** How many members below a threshold count as "approaching" it (接近). */
    @WithDefault("5")
    int approachMargin();

    /** Headcount from which an organization should have party members (2009 goal). */
    @WithDefault("50")
    int largeHeadcount();

    /** Headcount from which an organization should have a party organization (2009 goal). */
    @WithDefault("100")
    int veryLargeHeadcount();

    default Thresholds thresholds() {
        return new Thresholds(branchMinMembers(), generalBranchMinMembers(), committeeMinMembers(),
                approachMargin(), largeHeadcount(), veryLargeHeadcount());
    }
}
