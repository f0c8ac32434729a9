package cn.liangxin.rules;

/** The form of party organization (or party work) an organization's formal members call for. */
public enum RequiredForm {
    /** m = 0: instructor, mass organizations and member recruitment first (工作覆盖). */
    WORK_COVERAGE,
    /** 1 ≤ m below the branch threshold: joint formation or attachment (联合组建/挂靠). */
    JOINT,
    /** At least the branch threshold: its own branch (党支部). */
    BRANCH,
    /** At least the general-branch threshold: a general branch (党总支). */
    GENERAL_BRANCH,
    /** At least the committee threshold: a primary committee (基层党委). */
    COMMITTEE
}
