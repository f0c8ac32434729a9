package cn.liangxin.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Named;

import java.util.List;

/**
 * The section of the navigation a page belongs to, for {@code aria-current="page"} on its link
 * ({@code {inject:nav.current('/goals')}} in the layout). A township, an organization or a party
 * organization is reached from the overview, so its pages belong to the overview.
 */
@RequestScoped
@Named("nav")
public class Nav {

    /** Each section's link and the path prefixes of its pages, tried in order. */
    private static final List<List<String>> SECTIONS = List.of(
            List.of("/blank-spots", "/blank-spots", "/print/blank-spots"),
            List.of("/surveys/form", "/surveys/form"),
            List.of("/surveys", "/surveys"),
            List.of("/registers", "/registers"),
            List.of("/goals", "/goals"),
            List.of("/annual", "/annual"),
            List.of("/plans/timetable", "/plans"),
            List.of("/instructors", "/instructors"),
            List.of("/users", "/users"),
            List.of("/", "/townships", "/organizations", "/party-organizations", "/print/coverage"));

    private final Instance<HttpServerRequest> request;

    public Nav(Instance<HttpServerRequest> request) {
        this.request = request;
    }

    /** Whether the link {@code href} of the navigation leads to the section of the page shown. */
    public boolean current(String href) {
        return href.equals(section(request.isResolvable() ? request.get().path() : null));
    }

    /** The link of the section a path belongs to, or null (the sign-in and error pages of unknown paths). */
    static String section(String path) {
        if (path == null) {
            return null;
        }
        if (path.equals("/")) {
            return "/";
        }
        for (List<String> s : SECTIONS) {
            for (String prefix : s.subList(1, s.size())) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    return s.get(0);
                }
            }
        }
        return null;
    }
}
