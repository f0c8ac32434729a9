package cn.liangxin.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns every refusal into the one error body ({@code status, code, message, errors}), or, for a
 * person's browser outside {@code /api}, into a page saying the same.
 */
public class ErrorMapper {

    @CheckedTemplate(basePath = "error")
    static class Templates {
        static native TemplateInstance page(ErrorBody error, String again);

        static native TemplateInstance confirm(String question, String action, java.util.List<Confirm.Field> fields, String back);
    }

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri, HttpHeaders headers) {
        return respond(e.body(), uri, headers);
    }

    /** The question before an action that cannot be undone: a page that posts the same form again, confirmed. */
    @ServerExceptionMapper
    public Response confirm(Confirm.Needed e, UriInfo uri, HttpHeaders headers) {
        String query = uri.getRequestUri().getRawQuery();
        String action = uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
        String back = Confirm.back(headers.getHeaderString("Referer"));
        return Response.ok(Templates.confirm(e.getMessage(), action, e.fields(), back).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    /** A signed-in caller refused by a role check: the error body (or page), never an empty 403. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return respond(new ErrorBody(403, "FORBIDDEN", Msg.t("error.http.403"), List.of()), uri, headers);
    }

    @ServerExceptionMapper
    public Response unauthorized(io.quarkus.security.UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return respond(new ErrorBody(401, "UNAUTHORIZED", Msg.t("error.http.401"), List.of()), uri, headers);
    }

    /**
     * The database cannot be reached (see {@link DatabaseUnavailable}): 503 with the error body or
     * page. The transaction of the request has been rolled back: nothing of it was written. Any
     * other failure of the database goes on to the default handling, as before.
     */
    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e, UriInfo uri, HttpHeaders headers) {
        if (!DatabaseUnavailable.is(e)) {
            throw e;
        }
        return unavailable(uri, headers);
    }

    @ServerExceptionMapper
    public Response sql(java.sql.SQLException e, UriInfo uri, HttpHeaders headers) {
        if (!DatabaseUnavailable.is(e)) {
            throw new IllegalStateException(e);
        }
        return unavailable(uri, headers);
    }

    @ServerExceptionMapper
    public Response transaction(io.quarkus.narayana.jta.QuarkusTransactionException e, UriInfo uri, HttpHeaders headers) {
        if (!DatabaseUnavailable.is(e)) {
            throw e;
        }
        return unavailable(uri, headers);
    }

    @ServerExceptionMapper
    public Response transactional(jakarta.transaction.TransactionalException e, UriInfo uri, HttpHeaders headers) {
        if (!DatabaseUnavailable.is(e)) {
            throw e;
        }
        return unavailable(uri, headers);
    }

    @ServerExceptionMapper
    public Response undeclared(io.quarkus.arc.ArcUndeclaredThrowableException e, UriInfo uri, HttpHeaders headers) {
        if (!DatabaseUnavailable.is(e)) {
            throw e;
        }
        return unavailable(uri, headers);
    }

    private static Response unavailable(UriInfo uri, HttpHeaders headers) {
        Response r = respond(DatabaseUnavailable.body(), uri, headers);
        return Response.fromResponse(r).header("Retry-After", DatabaseUnavailable.RETRY_AFTER).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<FieldError> errors = new java.util.ArrayList<>(e.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), Fields.label(field(v)) + ":" + v.getMessage()))
                .toList());
        // and what the services' checks find in the same input: every problem at once
        java.util.Set<String> reported = new java.util.HashSet<>(errors.stream().map(FieldError::field).toList());
        java.util.Set<Object> inputs = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            // the object holding the refused field: the input a check is written for
            if (v.getLeafBean() != null) {
                inputs.add(v.getLeafBean());
            }
        }
        inputs.forEach(input -> errors.addAll(InputChecks.of(input, reported)));
        errors.sort(Comparator.comparing(FieldError::field));
        return respond(ApiException.invalid(errors).body(), uri, headers);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        return json(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return json(j, uri, headers);
            }
        }
        if (status >= 500) {
            throw e;
        }
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> "BAD_REQUEST";
        };
        String message = Msg.t(switch (status) {
            case 401, 403, 404, 405, 415 -> "error.http." + status;
            default -> "error.http.400";
        });
        return respond(new ErrorBody(status, code, message, List.of()), uri, headers);
    }

    private Response json(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        String field = "";
        String message = Msg.t("error.json");
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            message = Fields.label(field) + ":" + Msg.t("error.json.value");
            if (m instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
                String allowed = Arrays.stream(f.getTargetType().getEnumConstants())
                        .map(String::valueOf).collect(Collectors.joining(", "));
                message = Fields.label(field) + ":" + Msg.t("error.json.enum", f.getValue(), allowed);
            } else if (m instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
                message = Msg.t("error.json.unknownField", field);
            } else if (m instanceof InvalidFormatException f && f.getTargetType() == String.class) {
                message = Fields.label(field) + ":" + Msg.t("error.text.unclean");
            } else if (m instanceof InvalidFormatException f) {
                message = Fields.label(field) + ":" + Msg.t("error.json.format", f.getValue());
            }
            // a count or a date says what the page and the phone form say for the same rule
            JsonMappingException.Reference last = m.getPath().get(m.getPath().size() - 1);
            Object from = last.getFrom();
            String specific = last.getFieldName() == null ? null
                    : Fields.typeRule(from instanceof Class<?> c ? c : from == null ? null : from.getClass(), last.getFieldName());
            if (specific != null && !(m instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException)) {
                message = Fields.label(field) + ":" + specific;
            }
        }
        return respond(ApiException.invalid(List.of(new FieldError(field, message))).body(), uri, headers);
    }

    private static String field(ConstraintViolation<?> v) {
        String last = "";
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                last = node.getName();
            }
        }
        return last;
    }

    /** The page asked for, ready for one more query parameter (a choice's link): path and query, then ? or &. */
    private static String again(UriInfo uri) {
        String query = uri.getRequestUri().getRawQuery();
        return uri.getPath() + (query == null || query.isEmpty() ? "?" : "?" + query + "&");
    }

    private static Response respond(ErrorBody body, UriInfo uri, HttpHeaders headers) {
        boolean page = !uri.getPath().startsWith("/api")
                && headers.getAcceptableMediaTypes().stream().anyMatch(t -> t.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !t.isWildcardType());
        if (page) {
            return Response.status(body.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Templates.page(body, again(uri)).render()).build();
        }
        return Response.status(body.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
