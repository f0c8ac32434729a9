package cn.liangxin.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * One password check at a time ({@code liangxin.login.queue=1}): while one sign-in is being checked,
 * every other one that needs a check is turned away (429, queued). Tests of the sign-in queue share
 * this profile, so that they run on one start of the service.
 */
public class OneLoginCheck implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("liangxin.login.queue", "1");
    }
}
