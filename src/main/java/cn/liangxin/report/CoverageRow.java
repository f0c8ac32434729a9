package cn.liangxin.report;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One line of the coverage table: a township, or the total of several. Closed organizations are left
 * out. {@code nominalCoverage} counts the covered organizations whose party organization stands on
 * fewer formal members than its level needs: they count as covered, and are named in the ledger.
 */
public record CoverageRow(
        String code, String name, long organizations, long economic, long social, long headcount,
        long formalMembers, long probationaryMembers, long partyOrganizations,
        Map<String, Long> partyOrganizationsByLevel, long coveredIndependently, long coveredJointly,
        long coveredOrganizations, long blankSpots, long shouldForm, long fewMembers, long noMembers,
        long noMembersWithInstructor, long nominalCoverage, BigDecimal coverageRate, long fiveOneComplete, BigDecimal fiveOneRate,
        long fundingYuan) {

    /** Covered ÷ organizations by {@link cn.liangxin.rules.Rates}; 0 for a township without organizations. */
    static BigDecimal rate(long covered, long organizations) {
        return cn.liangxin.rules.Rates.orZero(covered, organizations);
    }
}
