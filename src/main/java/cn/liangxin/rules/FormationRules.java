package cn.liangxin.rules;

import java.util.ArrayList;
import java.util.List;

import static cn.liangxin.rules.Explanations.label;
import static cn.liangxin.rules.Explanations.text;

/**
 * The formation rules of seed 001 applied to one organization: which form its formal members call
 * for, and every gap, each explained by the rule and the numbers behind it.
 */
public final class FormationRules {

    private final Thresholds t;

    public FormationRules(Thresholds thresholds) {
        this.t = thresholds;
    }

    public Thresholds thresholds() {
        return t;
    }

    public Classification classify(OrganizationFacts o) {
        int m = o.formalMembers();
        RequiredForm required = t.requiredForm(m);
        RequiredForm approaching = t.approaching(m);
        if (!o.active()) {
            return new Classification(required, approaching, List.of(), false, text("rules.summary.closed"));
        }
        List<Gap> gaps = new ArrayList<>();
        GapCode category = blankSpotCategory(m, o.covered());
        if (category != null) {
            gaps.add(new Gap(category, blankSpotExplanation(category, m, o.instructor())));
        }
        if (o.covered()) {
            upgrade(m, required, o.coverage()).ifPresent(gaps::add);
            Coverage c = o.coverage();
            if (isNominal(c.level(), c.memberBase())) {
                gaps.add(new Gap(GapCode.NOMINAL_COVERAGE, nominalExplanation(c.name(), c.level(), c.memberBase())));
            }
        }
        if (m == 0 && o.headcount() >= t.largeHeadcount()) {
            gaps.add(new Gap(GapCode.LARGE_WITHOUT_MEMBER,
                    text("gap.LARGE_WITHOUT_MEMBER", o.headcount(), t.largeHeadcount())));
        }
        if (!o.covered() && o.headcount() >= t.veryLargeHeadcount()) {
            gaps.add(new Gap(GapCode.LARGE_WITHOUT_ORGANIZATION,
                    text("gap.LARGE_WITHOUT_ORGANIZATION", o.headcount(), t.veryLargeHeadcount())));
        }
        return new Classification(required, approaching, List.copyOf(gaps), !o.covered(),
                summary(m, required, approaching));
    }

    /** SHOULD_FORM, FEW_MEMBERS or NO_MEMBERS for an uncovered organization; null when covered. */
    public GapCode blankSpotCategory(int formalMembers, boolean covered) {
        if (covered) return null;
        if (formalMembers >= t.branchMinMembers()) return GapCode.SHOULD_FORM;
        if (formalMembers >= 1) return GapCode.FEW_MEMBERS;
        return GapCode.NO_MEMBERS;
    }

    /**
     * Whether a party organization of this level stands on too few members to be one: its member
     * base (the formal members of the active organizations it covers) below what the level needs —
     * a branch over organizations with fewer than 3 formal members in all is coverage on paper.
     */
    public boolean isNominal(PartyLevel level, int memberBase) {
        return memberBase < t.minMembers(level);
    }

    /** Why the coverage by this party organization counts only nominally. */
    public String nominalExplanation(String partyOrganization, PartyLevel level, int memberBase) {
        return text("gap.NOMINAL_COVERAGE", partyOrganization == null ? "" : partyOrganization, memberBase,
                label(level), t.minMembers(level));
    }

    /** The explanation of a blank spot of the given category. */
    public String blankSpotExplanation(GapCode category, int m, String instructor) {
        return switch (category) {
            case SHOULD_FORM -> text("gap.SHOULD_FORM", m, t.branchMinMembers(), label(t.requiredForm(m)));
            case FEW_MEMBERS -> text("gap.FEW_MEMBERS", m, t.branchMinMembers());
            case NO_MEMBERS -> text("gap.NO_MEMBERS") + (instructor == null || instructor.isBlank()
                    ? text("gap.NO_MEMBERS.noInstructor")
                    : text("gap.NO_MEMBERS.instructor", instructor));
            default -> throw new IllegalArgumentException(category + " is not a blank-spot category");
        };
    }

    private java.util.Optional<Gap> upgrade(int m, RequiredForm required, Coverage c) {
        PartyLevel needed = PartyLevel.of(required);
        if (needed == null) {
            return java.util.Optional.empty();
        }
        if (c.formation() == Formation.INDEPENDENT) {
            if (c.level().compareTo(needed) < 0) {
                return java.util.Optional.of(new Gap(GapCode.UPGRADE, text("gap.UPGRADE.level",
                        m, t.minMembers(required), label(required), label(c.level()))));
            }
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Gap(GapCode.UPGRADE, text("gap.UPGRADE.joint",
                m, t.branchMinMembers(), label(c.formation()), c.name() == null ? "" : c.name())));
    }

    private String summary(int m, RequiredForm required, RequiredForm approaching) {
        String s = text("rules.summary." + required.name(), m, t.minMembers(required), t.branchMinMembers());
        if (approaching != null) {
            s += text("rules.summary.approaching", t.minMembers(approaching), label(approaching));
        }
        return s;
    }
}
