package cn.liangxin.web;

import java.util.List;

/** A request the service refuses, with the status, an English code and a Chinese message. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private List<Option> choices = List.of();

    public ApiException(int status, String code, String message, List<FieldError> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** The values the refused parameter may take (a page offers them as links). */
    public ApiException withChoices(List<Option> choices) {
        this.choices = List.copyOf(choices);
        return this;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", Msg.t("error.notFound", what), List.of());
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message, List.of());
    }

    /** 400 for invalid input: one entry per field. */
    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "INVALID", Msg.t("error.invalid"), errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ErrorBody body() {
        return new ErrorBody(status, code, getMessage(), errors, choices);
    }
}
