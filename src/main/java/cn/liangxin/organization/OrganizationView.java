package cn.liangxin.organization;

import cn.liangxin.rules.Classification;
import cn.liangxin.web.FieldError;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** An organization as the API shows it: its fields, its coverage, the rules' verdict and warnings. */
public record OrganizationView(
        long id, String countyCode, String townshipCode, String townshipName, String name, String uscc,
        Kind kind, Sector sector, String community, String address, String building, String industry,
        boolean aboveScale, Status status, int headcount, int formalMembers, int probationaryMembers,
        int membersElsewhere, int activists, boolean ownerIsMember, OwnerAttitude ownerAttitude,
        boolean secretaryCandidate, Set<MassOrganization> massOrganizations, String instructor,
        LocalDate plannedFormationOn, String notPlannedReason, String responsible, String notes, String countermeasures,
        CoveredBy partyOrganization, Classification classification, List<FieldError> warnings,
        int version, Instant createdAt, Instant updatedAt) {
}
