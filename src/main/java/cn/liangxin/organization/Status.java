package cn.liangxin.organization;

/** Operating status; a CLOSED organization leaves every count and denominator. */
public enum Status {
    OPERATING, SUSPENDED, CLOSED
}
