package cn.liangxin.ops;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default trusted proxies are IP addresses or CIDR ranges. Anything else (a host name, or
 * "::1", which the HTTP layer reads as host ":" and port 1) is looked up in DNS on every request;
 * with a DNS server that does not answer, about one request in a hundred waited 5 s for it.
 */
class TrustedProxiesTest {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern CIDR = Pattern.compile("[0-9a-fA-F:.]+/\\d{1,3}");

    @Test
    void theDefaultTrustedProxiesNeedNoDnsLookUp() throws Exception {
        Properties p = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        String value = p.getProperty("quarkus.http.proxy.trusted-proxies");
        Matcher m = Pattern.compile("\\$\\{LIANGXIN_TRUSTED_PROXIES:(.*)}").matcher(value);
        assertTrue(m.matches(), value);
        for (String entry : m.group(1).split(",")) {
            assertTrue(IPV4.matcher(entry.strip()).matches() || CIDR.matcher(entry.strip()).matches(),
                    "not an IPv4 address or a CIDR range: " + entry);
        }
    }
}
