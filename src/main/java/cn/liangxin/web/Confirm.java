package cn.liangxin.web;

import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Asks once before a page does what cannot be undone (freezing a year, deleting, reporting a
 * township done). Without JavaScript: a form posted without {@value #FIELD}=1 is answered with a
 * page that states the question and posts the same fields again, confirmed.
 */
public final class Confirm {

    public static final String FIELD = "confirmed";

    private Confirm() {
    }

    /** Goes on when the form was confirmed; otherwise the confirmation page answers. */
    public static void ask(MultivaluedMap<String, String> form, String question) {
        if (form == null || !"1".equals(form.getFirst(FIELD))) {
            throw new Needed(question, form);
        }
    }

    /**
     * Where the question's 否 leads: the path and query of the page the form was on (its
     * {@code Referer}), or home when there is none, it is no URI, or its path could lead elsewhere.
     */
    public static String back(String referer) {
        if (referer == null) {
            return "/";
        }
        java.net.URI r;
        try {
            r = new java.net.URI(referer.strip());
        } catch (java.net.URISyntaxException e) {
            return "/";
        }
        String path = r.getRawPath();
        if (path == null || !path.startsWith("/") || path.startsWith("//")) {
            return "/";
        }
        return path + (r.getRawQuery() == null ? "" : "?" + r.getRawQuery());
    }

    /** A field of the form, posted again. */
    public record Field(String name, String value) {
    }

    /** The question to ask, and the fields to post again once it is answered. */
    public static final class Needed extends RuntimeException {
        private final transient MultivaluedMap<String, String> form;

        Needed(String question, MultivaluedMap<String, String> form) {
            super(question, null, false, false);
            this.form = form;
        }

        public java.util.List<Field> fields() {
            java.util.List<Field> out = new java.util.ArrayList<>();
            if (form != null) {
                form.forEach((name, values) -> {
                    if (!name.equals(FIELD) && !name.startsWith("csrf")) {
                        values.forEach(v -> out.add(new Field(name, v)));
                    }
                });
            }
            return out;
        }
    }
}
