package cn.liangxin.rules;

/**
 * The active party organization covering an organization: how it was formed, its level, and its
 * member base (the formal members of the active organizations it covers, this one included).
 */
public record Coverage(Formation formation, PartyLevel level, String name, int memberBase) {
}
