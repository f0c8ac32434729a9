package cn.liangxin.web;

import java.util.List;

/**
 * The one error body of the API; {@code choices}, when present, are the values the refused
 * parameter may take (the counties of an account holding several, when a request names none).
 */
public record ErrorBody(int status, String code, String message, List<FieldError> errors,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                        List<Option> choices) {

    public ErrorBody(int status, String code, String message, List<FieldError> errors) {
        this(status, code, message, errors, List.of());
    }
}
