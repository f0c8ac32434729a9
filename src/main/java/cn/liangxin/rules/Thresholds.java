package cn.liangxin.rules;

/**
 * The numbers the formation rules compare against (seed 001, 强基固本), kept together so that a
 * county can move them by configuration and every rule, query and report moves with them.
 */
public record Thresholds(int branchMinMembers, int generalBranchMinMembers, int committeeMinMembers,
                         int approachMargin, int largeHeadcount, int veryLargeHeadcount) {

    /** The thresholds of seed 001: 3 / 50 / 100 members, margin 5, headcount 50 / 100. */
    public static final Thresholds SEED = new Thresholds(3, 50, 100, 5, 50, 100);

    public Thresholds {
        if (branchMinMembers < 1 || generalBranchMinMembers <= branchMinMembers
                || committeeMinMembers <= generalBranchMinMembers) {
            throw new IllegalArgumentException("member thresholds must rise: 1 ≤ branch < general branch < committee");
        }
        if (approachMargin < 0 || largeHeadcount < 1 || veryLargeHeadcount < largeHeadcount) {
            throw new IllegalArgumentException("margin ≥ 0 and 1 ≤ large headcount ≤ very large headcount");
        }
    }

    /** The form m formal members call for. */
    public RequiredForm requiredForm(int formalMembers) {
        if (formalMembers >= committeeMinMembers) return RequiredForm.COMMITTEE;
        if (formalMembers >= generalBranchMinMembers) return RequiredForm.GENERAL_BRANCH;
        if (formalMembers >= branchMinMembers) return RequiredForm.BRANCH;
        if (formalMembers >= 1) return RequiredForm.JOINT;
        return RequiredForm.WORK_COVERAGE;
    }

    /**
     * The next level up when m is within the approach margin below its threshold ("接近50名"), else
     * null.
     */
    public RequiredForm approaching(int formalMembers) {
        if (formalMembers < committeeMinMembers && formalMembers >= generalBranchMinMembers
                && formalMembers >= committeeMinMembers - approachMargin) {
            return RequiredForm.COMMITTEE;
        }
        if (formalMembers < generalBranchMinMembers && formalMembers >= branchMinMembers
                && formalMembers >= generalBranchMinMembers - approachMargin) {
            return RequiredForm.GENERAL_BRANCH;
        }
        return null;
    }

    /** The member base a party organization of this level needs: formal members of what it covers. */
    public int minMembers(PartyLevel level) {
        return switch (level) {
            case COMMITTEE -> committeeMinMembers;
            case GENERAL_BRANCH -> generalBranchMinMembers;
            case BRANCH -> branchMinMembers;
        };
    }

    /** The smallest member count that calls for the given form. */
    public int minMembers(RequiredForm form) {
        return switch (form) {
            case COMMITTEE -> committeeMinMembers;
            case GENERAL_BRANCH -> generalBranchMinMembers;
            case BRANCH -> branchMinMembers;
            case JOINT -> 1;
            case WORK_COVERAGE -> 0;
        };
    }
}
