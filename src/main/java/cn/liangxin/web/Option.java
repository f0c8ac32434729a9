package cn.liangxin.web;

/** A choice in a drop-down list: the value sent and the Chinese label shown. */
public record Option(String value, String label) {
}
