package cn.liangxin.security;

/** What a user may do. */
public enum Role {
    /** Township staff: reads and writes only the townships the account is bound to. */
    TOWNSHIP_STAFF,
    /** The county 两新党工委: reads and corrects everything in scope. */
    COUNTY,
    /** Manages users, and may do everything COUNTY may. */
    ADMIN
}
