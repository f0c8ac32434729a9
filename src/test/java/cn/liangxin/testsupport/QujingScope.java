package cn.liangxin.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** A deployment for a prefecture: 曲靖市 (530300), nine counties including 罗平县. */
public class QujingScope implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("liangxin.scope.counties", "530300");
    }
}
