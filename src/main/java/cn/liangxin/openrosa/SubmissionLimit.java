package cn.liangxin.openrosa;

import cn.liangxin.web.Msg;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The length a submission may have, as {@code HEAD /openrosa/submission} advertises it
 * ({@code X-OpenRosa-Accept-Content-Length}). A body that says it is longer is answered 413 before a
 * byte of it is kept (what is still sent is read and dropped, so that the client hears the answer);
 * a body that does not say its length (chunked) is measured as read, by {@link OpenRosaResource}.
 */
@ApplicationScoped
public class SubmissionLimit {

    private final long maxBytes;

    public SubmissionLimit(@ConfigProperty(name = "liangxin.survey.max-bytes") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    void install(@Observes Router router) {
        // after the OpenRosa headers (which every answer carries), before sign-in and the body is read
        router.route(HttpMethod.POST, "/openrosa/submission").order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared <= maxBytes) {
            rc.next();
            return;
        }
        HttpServerRequest request = rc.request();
        long[] dropped = {0};
        request.handler(b -> {
            dropped[0] += b.length();
            if (dropped[0] > maxBytes) {
                // enough heard: the client may keep sending for ever
                request.connection().close();
            }
        });
        request.resume();
        rc.response().setStatusCode(413).putHeader(HttpHeaderNames.CONTENT_TYPE, OpenRosaResource.XML)
                .end(OpenRosaXml.message("error", tooLarge()));
    }

    /** The refusal's message, naming the limit. */
    String tooLarge() {
        return Msg.t("openrosa.submission.tooLarge", size(maxBytes));
    }

    /** A length as a clerk reads it: 20 MB, 20.5 MB. */
    static String size(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1 << 20), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " MB";
    }
}
