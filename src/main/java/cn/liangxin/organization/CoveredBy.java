package cn.liangxin.organization;

import cn.liangxin.rules.Coverage;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;

/** The active party organization that covers an organization. */
public record CoveredBy(long id, String name, Formation formation, PartyLevel level) {

    public Coverage coverage() {
        return new Coverage(formation, level, name);
    }
}
