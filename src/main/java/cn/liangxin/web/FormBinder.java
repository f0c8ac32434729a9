package cn.liangxin.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URI;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an HTML form into the same input record the JSON API takes, with the same conversions and
 * validation, so that a page and the API refuse exactly the same things.
 */
@ApplicationScoped
public class FormBinder {

    private final ObjectMapper mapper;
    private final Validator validator;

    public FormBinder(ObjectMapper mapper, Validator validator) {
        // a form sends every value as text: here "12" is twelve
        this.mapper = mapper.copy();
        this.mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        this.validator = validator;
    }

    /** The bound input, or the problems, field by field. */
    public record Bound<T>(T value, Map<String, String> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Binds a form. Blank fields are absent; fields named in {@code lists} may repeat and become
     * arrays; fields named in {@code checkboxes} are true when sent and false when not.
     */
    public <T> Bound<T> bind(MultivaluedMap<String, String> form, Class<T> type, Set<String> lists, Set<String> checkboxes) {
        ObjectNode node = mapper.createObjectNode();
        // a form also carries fields that are not the input's (the CSRF token, buttons)
        Set<String> fields = java.util.Arrays.stream(type.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName).collect(java.util.stream.Collectors.toSet());
        form.forEach((key, values) -> {
            if (!fields.contains(key)) {
                return;
            }
            if (lists.contains(key)) {
                ArrayNode array = node.putArray(key);
                values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> array.add(v.strip()));
            } else if (checkboxes.contains(key)) {
                node.put(key, values.stream().anyMatch(v -> "true".equals(v) || "on".equals(v)));
            } else if (!values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                node.put(key, values.get(0).strip());
            }
        });
        lists.forEach(l -> {
            if (!node.has(l)) {
                node.putArray(l);
            }
        });
        checkboxes.forEach(c -> {
            if (!node.has(c)) {
                node.put(c, false);
            }
        });
        Map<String, String> errors = new LinkedHashMap<>();
        // a value that does not convert is reported and left out, and the rest converted again:
        // every such field at once, not one per submit
        T value = null;
        Set<String> unconverted = new java.util.HashSet<>();
        while (value == null) {
            try {
                value = mapper.treeToValue(node, type);
            } catch (JsonMappingException e) {
                String field = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
                if (field == null || !node.has(field)) {
                    errors.put("", Msg.t("error.form.value"));
                    return new Bound<>(null, errors);
                }
                errors.put(field, Fields.label(type, field) + ":" + Fields.wrongValue(type, field));
                unconverted.add(field);
                node.remove(field);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                errors.put("", Msg.t("error.json"));
                return new Bound<>(null, errors);
            }
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        for (ConstraintViolation<T> v : violations) {
            String field = v.getPropertyPath().iterator().next().getName();
            if (!unconverted.contains(field)) {
                errors.merge(field, Fields.label(type, field) + ":" + v.getMessage(), (a, b) -> a + ";" + b);
            }
        }
        if (!errors.isEmpty()) {
            // and what the services' checks find in the same form: every problem at once
            for (FieldError e : InputChecks.of(value, errors.keySet())) {
                errors.merge(e.field(), e.message(), (a, b) -> a + ";" + b);
            }
        }
        return new Bound<>(errors.isEmpty() ? value : null, errors);
    }

    /**
     * Saves a bound form: on success a 303 to the page {@code save} answers; when binding or saving
     * is refused, 400 with the form shown again by {@code again} with the errors.
     */
    public static <T> Response submit(Bound<T> bound, Function<T, String> save,
                                      Function<Map<String, String>, TemplateInstance> again) {
        Map<String, String> errors = bound.errors();
        if (bound.ok()) {
            try {
                return Response.seeOther(URI.create(save.apply(bound.value()))).build();
            } catch (ApiException e) {
                errors = errors(e);
            }
        }
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(again.apply(errors).render()).build();
    }

    /** The field errors of a refused request, keyed by field (list indexes dropped). */
    public static Map<String, String> errors(ApiException e) {
        Map<String, String> map = new LinkedHashMap<>();
        for (FieldError f : e.errors()) {
            map.merge(f.field().replaceAll("\\[\\d+]", ""), f.message(), (a, b) -> a + ";" + b);
        }
        if (map.isEmpty()) {
            map.put("", e.getMessage());
        }
        return map;
    }

    /** The submitted values, first value per field, to show the form again as it was sent. */
    public static Map<String, Object> values(MultivaluedMap<String, String> form) {
        Map<String, Object> map = new LinkedHashMap<>();
        form.forEach((k, v) -> map.put(k, v.size() == 1 ? v.get(0) : new ArrayList<>(v)));
        return map;
    }

    /** A list of strings for a multi-valued form field. */
    public static List<String> list(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> l) return l.stream().map(String::valueOf).toList();
        return List.of(String.valueOf(value));
    }
}
