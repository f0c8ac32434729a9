package cn.liangxin.web;

import java.util.List;

/** The one error body of the API. */
public record ErrorBody(int status, String code, String message, List<FieldError> errors) {
}
