package cn.liangxin.web;

/** A problem with one field (or row and column) of a request, in Chinese. */
public record FieldError(String field, String message) {
}
