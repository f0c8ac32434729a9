package cn.liangxin.partyorg;

import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;

import java.time.LocalDate;
import java.util.List;

/** A party organization as the API shows it, with the organizations it covers. */
public record PartyOrganizationView(
        long id, String countyCode, String townshipCode, String townshipName, String name, PartyLevel level,
        Formation formation, LocalDate foundedOn, LocalDate dissolvedOn, String secretary, boolean active,
        List<Long> coveredOrganizationIds, List<Covered> coveredOrganizations, int version) {

    /** One organization it covers. */
    public record Covered(long id, String name, String townshipCode, int formalMembers, int headcount) {
    }
}
