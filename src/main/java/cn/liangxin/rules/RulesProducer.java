package cn.liangxin.rules;

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
