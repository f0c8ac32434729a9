package cn.liangxin.division;

import io.smallrye.config.ConfigMapping;

import java.util.List;

/** Which part of China this deployment serves. */
@ConfigMapping(prefix = "liangxin.scope")
public interface ScopeConfig {

    /**
     * The counties in scope (default 530324, 罗平县): county codes (6 digits), prefecture codes (4
     * digits or 6 ending in 00: every county of the prefecture) or province codes (2 digits or 6
     * ending in 0000: every county of the province), mixed as needed.
     */
    List<String> counties();
}
