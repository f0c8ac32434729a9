package cn.liangxin.division;

import io.smallrye.config.ConfigMapping;

import java.util.List;

/** Which part of China this deployment serves. */
@ConfigMapping(prefix = "liangxin.scope")
public interface ScopeConfig {

    /** The 6-digit codes of the counties in scope (default 530324, 罗平县). */
    List<String> counties();
}
