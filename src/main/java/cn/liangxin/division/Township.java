package cn.liangxin.division;

/** A township (乡镇/街道) by its 9-digit statistical division code. */
public record Township(String code, String name, String countyCode) {
}
