package cn.liangxin.partyorg;

import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;

import cn.liangxin.web.FieldError;

import java.time.LocalDate;
import java.util.List;

/**
 * A party organization as the API shows it, with the organizations it covers. {@code memberBase} is
 * the formal members of all the active organizations it covers (also those the caller does not
 * see); {@code nominal} says that base is below what its level needs, which {@code warnings} explains.
 */
public record PartyOrganizationView(
        long id, String countyCode, String townshipCode, String townshipName, String name, PartyLevel level,
        Formation formation, LocalDate foundedOn, LocalDate dissolvedOn, String secretary, boolean active,
        List<Long> coveredOrganizationIds, List<Covered> coveredOrganizations, int memberBase, boolean nominal,
        List<FieldError> warnings, int version) {

    /** One organization it covers. */
    public record Covered(long id, String name, String townshipCode, int formalMembers, int headcount) {
    }
}
