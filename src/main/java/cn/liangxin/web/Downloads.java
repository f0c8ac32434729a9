package cn.liangxin.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A file to download: the Chinese name for browsers that read RFC 5987, an ASCII one for the rest. */
public final class Downloads {

    private Downloads() {
    }

    public static Response attachment(StreamingOutput body, String asciiName, String name, String type) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + encoded)
                .build();
    }
}
