package cn.liangxin.security;

/** What a user may do. */
public enum Role {
    /** Township staff: reads and writes only the townships the account is bound to. */
    TOWNSHIP_STAFF,
    /** The county 两新党工委: reads and corrects everything of its counties. */
    COUNTY,
    /** A prefecture or province 组织部/两新工委: reads every county under it, changes nothing. */
    REGION,
    /** Manages the accounts within its divisions, and may do there everything COUNTY may. */
    ADMIN
}
