package cn.liangxin.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /** Covered ÷ organizations, 4 decimals; 0 for a township without organizations. */
    static BigDecimal rate(long covered, long organizations) {
        if (organizations == 0) {
            return BigDecimal.ZERO.setScale(4);
        }
        return BigDecimal.valueOf(covered).divide(BigDecimal.valueOf(organizations), 4, RoundingMode.HALF_UP);
    }
}
