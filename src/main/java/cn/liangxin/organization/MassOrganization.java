package cn.liangxin.organization;

/** Mass organizations built in the organization (群团组织). */
public enum MassOrganization {
    UNION, YOUTH_LEAGUE, WOMEN
}
