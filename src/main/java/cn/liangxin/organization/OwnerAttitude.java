package cn.liangxin.organization;

/** The owner's attitude toward forming a party organization (业主态度). */
public enum OwnerAttitude {
    SUPPORTIVE, NEUTRAL, OPPOSED
}
