package cn.liangxin.register;

/** Where a line of a register of record stands against the registry. */
public enum RegisterCategory {
    /** Matched, active in both. */
    MATCHED,
    /** Matched, inactive in the register but active in the registry: close it? */
    CLOSE_CANDIDATE,
    /** Not in the registry, active, its township found in the caller's county: survey it. */
    UNSURVEYED,
    /** Not in the registry, active, no township read from its address. */
    UNASSIGNED,
    /** Not in the registry and inactive: nothing to do. */
    INACTIVE,
    /** Of another county. */
    OUT_OF_SCOPE
}
