package cn.liangxin.rules;

/** One shortfall of an organization, with the rule and numbers behind it in plain Chinese. */
public record Gap(GapCode code, String explanation) {
}
