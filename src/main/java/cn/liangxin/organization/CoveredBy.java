package cn.liangxin.organization;

import cn.liangxin.rules.Coverage;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;

/**
 * The active party organization that covers an organization, with its member base (the formal
 * members of the active organizations it covers).
 */
public record CoveredBy(long id, String name, Formation formation, PartyLevel level, int memberBase) {

    public Coverage coverage() {
        return new Coverage(formation, level, name, memberBase);
    }
}
