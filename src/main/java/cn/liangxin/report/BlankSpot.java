package cn.liangxin.report;

import cn.liangxin.organization.OwnerAttitude;
import cn.liangxin.rules.GapCode;
import cn.liangxin.rules.RequiredForm;

import java.time.LocalDate;

/**
 * One line of the blank-spot ledger (空白点台账): an uncovered organization, or one covered only
 * nominally ({@code category} NOMINAL_COVERAGE, {@code partyOrganization} names who covers it).
 */
public record BlankSpot(
        long organizationId, String name, String townshipCode, String townshipName, GapCode category,
        RequiredForm requiredForm, int formalMembers, int headcount, boolean secretaryCandidate,
        OwnerAttitude ownerAttitude, LocalDate plannedFormationOn, String notPlannedReason, String responsible,
        String instructor, String explanation, String partyOrganization) {
}
