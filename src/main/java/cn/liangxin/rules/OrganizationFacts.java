package cn.liangxin.rules;

/**
 * What the rules need to know of one organization.
 *
 * @param coverage the active party organization covering it, or null
 */
public record OrganizationFacts(int formalMembers, int headcount, boolean active, Coverage coverage,
                                String instructor) {

    public boolean covered() {
        return coverage != null;
    }
}
