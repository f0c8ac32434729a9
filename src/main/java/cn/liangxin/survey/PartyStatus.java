package cn.liangxin.survey;

/** Column 19 of the survey form: whether and how the organization's party organization is built. */
public enum PartyStatus {
    /** 未建立. */
    NONE,
    /** 单独建立党支部. */
    OWN_BRANCH,
    /** 单独建立党总支. */
    OWN_GENERAL_BRANCH,
    /** 单独建立党委. */
    OWN_COMMITTEE,
    /** 联合党支部: column 20 names the joint branch. */
    JOINT_BRANCH,
    /** 挂靠其他党组织: column 20 names the party organization it relies on. */
    RELIANT
}
