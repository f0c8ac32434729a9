package cn.liangxin.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormationRulesTest {

    private final FormationRules rules = new FormationRules(Thresholds.SEED);

    private static OrganizationFacts uncovered(int members, int headcount) {
        return new OrganizationFacts(members, headcount, true, null, null);
    }

    private static List<GapCode> codes(Classification c) {
        return c.gaps().stream().map(Gap::code).toList();
    }

    @ParameterizedTest(name = "m = {0} → {1}")
    @CsvSource({
            "0, WORK_COVERAGE", "1, JOINT", "2, JOINT", "3, BRANCH", "49, BRANCH",
            "50, GENERAL_BRANCH", "99, GENERAL_BRANCH", "100, COMMITTEE", "1000, COMMITTEE"})
    void requiredFormFollowsTheMemberThresholds(int members, RequiredForm expected) {
        assertEquals(expected, rules.classify(uncovered(members, 200)).requiredForm());
    }

    @ParameterizedTest(name = "uncovered, m = {0} → {1}")
    @CsvSource({"0, NO_MEMBERS", "1, FEW_MEMBERS", "2, FEW_MEMBERS", "3, SHOULD_FORM", "49, SHOULD_FORM",
            "50, SHOULD_FORM", "100, SHOULD_FORM"})
    void uncoveredOrganizationsAreBlankSpotsOfTheirCategory(int members, GapCode category) {
        Classification c = rules.classify(uncovered(members, 10));
        assertTrue(c.blankSpot());
        assertEquals(category, c.gaps().get(0).code());
    }

    @ParameterizedTest(name = "headcount {0}, m = 0 → large without member: {1}")
    @CsvSource({"49, false", "50, true", "51, true"})
    void largeWithoutMemberFromFiftyEmployees(int headcount, boolean expected) {
        assertEquals(expected, codes(rules.classify(uncovered(0, headcount))).contains(GapCode.LARGE_WITHOUT_MEMBER));
    }

    @ParameterizedTest(name = "headcount {0}, uncovered → large without organization: {1}")
    @CsvSource({"99, false", "100, true", "101, true"})
    void largeWithoutOrganizationFromAHundredEmployees(int headcount, boolean expected) {
        assertEquals(expected, codes(rules.classify(uncovered(5, headcount))).contains(GapCode.LARGE_WITHOUT_ORGANIZATION));
    }

    @Test
    void aLargeCoveredOrganizationIsNotLargeWithoutOrganization() {
        Coverage own = new Coverage(Formation.INDEPENDENT, PartyLevel.BRANCH, "党支部", 5);
        Classification c = rules.classify(new OrganizationFacts(5, 300, true, own, null));
        assertFalse(c.blankSpot());
        assertEquals(List.of(), c.gaps());
    }

    @ParameterizedTest(name = "m = {0} with own {1} → upgrade: {2}")
    @CsvSource({"3, BRANCH, false", "49, BRANCH, false", "50, BRANCH, true", "50, GENERAL_BRANCH, false",
            "99, GENERAL_BRANCH, false", "100, GENERAL_BRANCH, true", "100, COMMITTEE, false",
            "120, BRANCH, true"})
    void upgradeWhenTheOwnOrganizationIsBelowTheRequiredLevel(int members, PartyLevel level, boolean upgrade) {
        Coverage own = new Coverage(Formation.INDEPENDENT, level, "党组织", members);
        Classification c = rules.classify(new OrganizationFacts(members, members + 10, true, own, null));
        assertEquals(upgrade, codes(c).contains(GapCode.UPGRADE));
        assertFalse(c.blankSpot());
    }

    @ParameterizedTest(name = "m = {0}, covered jointly → upgrade: {1}")
    @CsvSource({"0, false", "1, false", "2, false", "3, true", "60, true"})
    void jointCoverageOfAnOrganizationThatCouldStandAlone(int members, boolean upgrade) {
        // the joint branch stands on 20 formal members of all it covers
        Coverage joint = new Coverage(Formation.JOINT, PartyLevel.BRANCH, "楼宇联合党支部", 20);
        Classification c = rules.classify(new OrganizationFacts(members, 20, true, joint, null));
        assertEquals(upgrade, codes(c).contains(GapCode.UPGRADE));
        assertFalse(codes(c).contains(GapCode.NOMINAL_COVERAGE));
        if (upgrade) {
            assertTrue(c.gaps().get(0).explanation().contains("楼宇联合党支部"), c.gaps().get(0).explanation());
        }
    }

    @ParameterizedTest(name = "{0} standing on {1} formal members → nominal: {2}")
    @CsvSource({"BRANCH, 0, true", "BRANCH, 2, true", "BRANCH, 3, false", "GENERAL_BRANCH, 49, true",
            "GENERAL_BRANCH, 50, false", "COMMITTEE, 99, true", "COMMITTEE, 100, false"})
    void coverageIsNominalBelowTheBaseItsLevelNeeds(PartyLevel level, int base, boolean nominal) {
        assertEquals(nominal, rules.isNominal(level, base));
        Coverage joint = new Coverage(Formation.JOINT, level, "联合党组织", base);
        Classification c = rules.classify(new OrganizationFacts(0, 8, true, joint, null));
        assertEquals(nominal, codes(c).contains(GapCode.NOMINAL_COVERAGE));
        assertFalse(c.blankSpot(), "nominal coverage still counts as coverage");
        if (nominal) {
            assertTrue(c.gaps().get(0).explanation().contains(base + " 人"), c.gaps().get(0).explanation());
        }
    }

    @Test
    void closedOrganizationsHaveNoGapsAndAreNoBlankSpot() {
        Classification c = rules.classify(new OrganizationFacts(10, 200, false, null, null));
        assertFalse(c.blankSpot());
        assertEquals(List.of(), c.gaps());
    }

    @Test
    void explanationsCiteTheNumbersAndTheRule() {
        Classification c = rules.classify(uncovered(57, 120));
        String should = c.gaps().get(0).explanation();
        assertTrue(should.contains("正式党员 57 人") && should.contains("党总支"), should);
        String large = c.gaps().get(1).explanation();
        assertTrue(large.contains("从业人员 120 人") && large.contains("100"), large);
        assertTrue(rules.classify(uncovered(2, 5)).gaps().get(0).explanation().contains("不足 3 人"));
    }

    @Test
    void noMembersSaysWhetherAnInstructorIsAssigned() {
        String with = rules.classify(new OrganizationFacts(0, 5, true, null, "王芳")).gaps().get(0).explanation();
        String without = rules.classify(new OrganizationFacts(0, 5, true, null, " ")).gaps().get(0).explanation();
        assertTrue(with.contains("王芳"), with);
        assertTrue(without.contains("尚未选派"), without);
    }

    @ParameterizedTest(name = "m = {0} → approaching {1}")
    @CsvSource(value = {"44, null", "45, GENERAL_BRANCH", "49, GENERAL_BRANCH", "50, null", "94, null",
            "95, COMMITTEE", "99, COMMITTEE", "100, null", "2, null"}, nullValues = "null")
    void approachingWithinTheMargin(int members, RequiredForm approaching) {
        assertEquals(approaching, rules.classify(uncovered(members, 200)).approaching());
    }

    @Test
    void configurationMovesTheThresholds() {
        FormationRules strict = new FormationRules(new Thresholds(5, 30, 60, 0, 20, 40));
        assertEquals(RequiredForm.JOINT, strict.classify(uncovered(4, 1)).requiredForm());
        assertEquals(GapCode.FEW_MEMBERS, strict.classify(uncovered(4, 1)).gaps().get(0).code());
        assertEquals(RequiredForm.BRANCH, strict.classify(uncovered(5, 1)).requiredForm());
        assertEquals(RequiredForm.GENERAL_BRANCH, strict.classify(uncovered(30, 1)).requiredForm());
        assertEquals(RequiredForm.COMMITTEE, strict.classify(uncovered(60, 1)).requiredForm());
        assertNull(strict.classify(uncovered(29, 1)).approaching());
        assertTrue(codes(strict.classify(uncovered(0, 20))).contains(GapCode.LARGE_WITHOUT_MEMBER));
        assertTrue(codes(strict.classify(uncovered(1, 40))).contains(GapCode.LARGE_WITHOUT_ORGANIZATION));
        assertTrue(strict.classify(uncovered(4, 1)).gaps().get(0).explanation().contains("不足 5 人"));
    }

    @Test
    void thresholdsMustRise() {
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(3, 3, 100, 5, 50, 100));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0, 50, 100, 5, 50, 100));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(3, 50, 100, 5, 100, 50));
    }
}
