package cn.liangxin.organization;

/** 新经济组织 or 新社会组织. */
public enum Sector {
    ECONOMIC, SOCIAL
}
