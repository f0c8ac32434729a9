package cn.liangxin.survey;

/** What a survey row does when committed. */
public enum RowStatus {
    NEW, CHANGED, UNCHANGED, REJECTED
}
