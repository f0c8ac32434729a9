package cn.liangxin.settings;

import cn.liangxin.rules.FormationRules;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** Makes the configured rules injectable. */
public class RulesProducer {

    @Produces
    @Singleton
    FormationRules rules(RulesConfig config) {
        return new FormationRules(config.thresholds());
    }
}
