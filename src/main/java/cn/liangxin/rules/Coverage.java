package cn.liangxin.rules;

/** The active party organization covering an organization: how it was formed and its level. */
public record Coverage(Formation formation, PartyLevel level, String name) {
}
