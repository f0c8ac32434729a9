package cn.liangxin.division;

import java.util.List;

/** A county (区县) by its 6-digit code, with its townships. */
public record County(String code, String name, List<Township> townships) {
}
