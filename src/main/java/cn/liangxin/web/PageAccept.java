package cn.liangxin.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A page's address asked for another type (an {@code Accept} of JSON on {@code /goals}) answers the
 * page, or 404 where there is none, instead of 406: what the address is, not what the client guessed,
 * decides. The API ({@code /api}), ODK's OpenRosa ({@code /openrosa}) and Quarkus' own paths
 * ({@code /q}) negotiate as usual.
 */
public class PageAccept {

    @ServerRequestFilter(preMatching = true)
    public void pagesAnswerWhatTheyAre(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/openrosa") || path.startsWith("/q/")) {
            return;
        }
        for (MediaType t : request.getAcceptableMediaTypes()) {
            if (t.isWildcardType() || t.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return;
            }
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, (accept == null || accept.isBlank() ? "" : accept + ", ") + "*/*;q=0.1");
    }
}
