package cn.liangxin.openrosa;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The headers OpenRosa 1.0 asks of every answer under /openrosa, refusals included (a sign-in
 * challenge, a 403, a 415): the protocol's version and the server's date. Set before any other
 * handler of the request, and written whoever ends the answer.
 */
@ApplicationScoped
public class OpenRosaHeaders {

    public static final String VERSION = "X-OpenRosa-Version";
    /**
     * RFC 7231's IMF-fixdate, {@code Mon, 07 Dec 2026 08:28:00 GMT}: the day in two digits, which
     * {@link DateTimeFormatter#RFC_1123_DATE_TIME} writes in one below the 10th.
     */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    void install(@Observes Router router) {
        router.routeWithRegex("/openrosa(/.*)?").order(Integer.MIN_VALUE).handler(rc -> {
            rc.addHeadersEndHandler(v -> rc.response().headers().set(VERSION, "1.0")
                    .set("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))));
            rc.next();
        });
    }
}
