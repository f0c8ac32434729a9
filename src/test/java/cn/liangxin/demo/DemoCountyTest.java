package cn.liangxin.demo;

import cn.liangxin.demo.DemoCounty.Organization;
import cn.liangxin.demo.DemoCounty.PartyOrganization;
import cn.liangxin.demo.DemoCounty.Result;
import cn.liangxin.demo.DemoCounty.Township;
import cn.liangxin.organization.Kind;
import cn.liangxin.organization.Sector;
import cn.liangxin.organization.Status;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.rules.Thresholds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCountyTest {

    private static final String COUNTY = "530324";
    private static final List<Township> TOWNSHIPS = List.of(
            new Township("530324001", "罗雄街道"), new Township("530324002", "腊山街道"),
            new Township("530324003", "九龙街道"), new Township("530324102", "板桥镇"),
            new Township("530324103", "马街镇"), new Township("530324104", "富乐镇"),
            new Township("530324106", "阿岗镇"), new Township("530324201", "大水井乡"),
            new Township("530324202", "鲁布革布依族苗族乡"), new Township("530324203", "旧屋基彝族乡"),
            new Township("530324204", "钟山乡"), new Township("530324205", "长底布依族乡"),
            new Township("530324206", "老厂乡"));
    private static final String SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Thresholds T = Thresholds.SEED;

    private final Result county = DemoCounty.generate(COUNTY, TOWNSHIPS, 2009L, 1000);
    private final List<Organization> orgs = county.organizations();
    private final Map<Integer, PartyOrganization> coveredBy = activeCoverage(county);

    @Test
    void sameSeedSameCountyOtherSeedOtherCounty() {
        assertEquals(county, DemoCounty.generate(COUNTY, TOWNSHIPS, 2009L, 1000));
        assertNotEquals(county, DemoCounty.generate(COUNTY, TOWNSHIPS, 2010L, 1000));
    }

    @Test
    void totalsFollowSeed001() {
        assertEquals(1000, orgs.size());
        assertNear(910, count(o -> o.sector() == Sector.ECONOMIC));
        assertNear(90, count(o -> o.sector() == Sector.SOCIAL));
        assertNear(32_400, sum(o -> true, Organization::headcount));
        assertNear(31_300, sum(o -> o.sector() == Sector.ECONOMIC, Organization::headcount));
        assertNear(1_060, sum(o -> o.sector() == Sector.SOCIAL, Organization::headcount));
        assertNear(668, sum(o -> true, Organization::formalMembers));
        assertNear(510, sum(o -> o.sector() == Sector.ECONOMIC, Organization::formalMembers));
        assertNear(158, sum(o -> o.sector() == Sector.SOCIAL, Organization::formalMembers));
        List<PartyOrganization> active = county.partyOrganizations().stream().filter(PartyOrganization::active).toList();
        assertNear(42, active.size());
        assertNear(37, active.stream().filter(p -> orgs.get(p.covers().get(0)).sector() == Sector.ECONOMIC).count());
        assertNear(5, active.stream().filter(p -> orgs.get(p.covers().get(0)).sector() == Sector.SOCIAL).count());
    }

    @Test
    void namesAndCodesAreUniqueAndValid() {
        assertEquals(orgs.size(), orgs.stream().map(Organization::name).distinct().count());
        List<String> codes = orgs.stream().map(Organization::uscc).filter(c -> c != null).toList();
        assertEquals(codes.size(), new HashSet<>(codes).size());
        assertNear(700, codes.size());
        for (Organization o : orgs) {
            if (o.uscc() == null) continue;
            String c = o.uscc();
            assertTrue(c.matches("[" + SYMBOLS + "]{18}"), c);
            assertEquals(checkCharacter(c), c.charAt(17), c);
            assertEquals(COUNTY, c.substring(2, 8), c);
            assertTrue(authorityAndCategory(o.kind()).contains(c.substring(0, 2)), o.kind() + " " + c);
        }
    }

    @Test
    void columnsAreConsistent() {
        Set<String> townshipCodes = TOWNSHIPS.stream().map(Township::code).collect(Collectors.toSet());
        Map<String, Long> perTownship = orgs.stream().collect(Collectors.groupingBy(Organization::townshipCode, Collectors.counting()));
        assertEquals(townshipCodes, perTownship.keySet());
        for (Organization o : orgs) {
            assertEquals(o.kind().sector(), o.sector());
            assertTrue(o.headcount() >= 0 && o.formalMembers() >= 0 && o.probationaryMembers() >= 0
                    && o.membersElsewhere() >= 0 && o.activists() >= 0, o.name());
            assertTrue(o.headcount() >= o.formalMembers(), o.name());
            assertTrue(o.industry().matches("[A-T]"), o.name());
            assertTrue(o.massOrganizations().matches("((UNION|YOUTH_LEAGUE|WOMEN)(,(?!$)|$))*"), o.massOrganizations());
            assertTrue(o.community() != null && o.address() != null, o.name());
        }
        for (PartyOrganization p : county.partyOrganizations()) {
            assertTrue(townshipCodes.contains(p.townshipCode()), p.name());
            assertTrue(p.foundedOn().getYear() >= 2003 && p.foundedOn().getYear() <= 2025, p.name());
            assertTrue(p.dissolvedOn() == null || !p.dissolvedOn().isBefore(p.foundedOn()), p.name());
            assertFalse(p.covers().isEmpty(), p.name());
        }
        assertEquals(county.partyOrganizations().size(),
                county.partyOrganizations().stream().map(PartyOrganization::name).distinct().count());
    }

    @Test
    void coverageIsConsistent() {
        Map<Integer, Integer> activeCount = new HashMap<>();
        for (PartyOrganization p : county.partyOrganizations()) {
            if (p.formation() == Formation.INDEPENDENT) assertEquals(1, p.covers().size(), p.name());
            if (p.active()) p.covers().forEach(i -> activeCount.merge(i, 1, Integer::sum));
        }
        activeCount.forEach((i, n) -> assertEquals(1, n, orgs.get(i).name()));
        coveredBy.keySet().forEach(i -> assertNotEquals(Status.CLOSED, orgs.get(i).status(), orgs.get(i).name()));
        long dissolved = county.partyOrganizations().stream().filter(p -> !p.active()).count();
        assertTrue(dissolved >= 1 && dissolved <= 2);
        for (int i : coveredBy.keySet()) {
            assertNull(orgs.get(i).plannedFormationOn(), orgs.get(i).name());
            assertNull(orgs.get(i).instructor(), orgs.get(i).name());
        }
    }

    @Test
    void everyCaseOfTheRulesShowsUp() {
        assertTrue(open(o -> o.formalMembers() >= T.branchMinMembers()) > 0, "应建未建");
        assertTrue(open(o -> o.formalMembers() >= 1 && o.formalMembers() < T.branchMinMembers()) > 0, "1-2 members");
        assertTrue(open(o -> o.formalMembers() == 0 && o.instructor() != null) > 0, "no member, instructor");
        assertTrue(open(o -> o.formalMembers() == 0 && o.instructor() == null) > 0, "no member, no instructor");
        assertTrue(open(o -> o.headcount() >= T.veryLargeHeadcount()) > 0, "large, uncovered");
        assertTrue(count(o -> o.formalMembers() >= T.generalBranchMinMembers()) >= 1, "general-branch size");
        assertTrue(count(o -> o.formalMembers() >= T.committeeMinMembers()) >= 1, "committee size");
        assertTrue(county.partyOrganizations().stream().anyMatch(p -> p.active() && p.formation() == Formation.INDEPENDENT
                && p.level().compareTo(required(orgs.get(p.covers().get(0)).formalMembers())) < 0), "upgrade");
        for (Formation f : Formation.values()) {
            assertTrue(county.partyOrganizations().stream().anyMatch(p -> p.active() && p.formation() == f), f.name());
        }
        for (PartyLevel l : PartyLevel.values()) {
            assertTrue(county.partyOrganizations().stream().anyMatch(p -> p.active() && p.level() == l), l.name());
        }
    }

    /** Uncovered active organizations matching the condition. */
    private long open(Predicate<Organization> condition) {
        long n = 0;
        for (int i = 0; i < orgs.size(); i++) {
            Organization o = orgs.get(i);
            if (o.status() != Status.CLOSED && !coveredBy.containsKey(i) && condition.test(o)) n++;
        }
        return n;
    }

    private long count(Predicate<Organization> condition) {
        return orgs.stream().filter(condition).count();
    }

    private long sum(Predicate<Organization> condition, ToIntFunction<Organization> value) {
        return orgs.stream().filter(condition).mapToInt(value).sum();
    }

    private static PartyLevel required(int members) {
        if (members >= T.committeeMinMembers()) return PartyLevel.COMMITTEE;
        if (members >= T.generalBranchMinMembers()) return PartyLevel.GENERAL_BRANCH;
        return PartyLevel.BRANCH;
    }

    private static Map<Integer, PartyOrganization> activeCoverage(Result county) {
        Map<Integer, PartyOrganization> map = new HashMap<>();
        county.partyOrganizations().stream().filter(PartyOrganization::active)
                .forEach(p -> p.covers().forEach(i -> map.put(i, p)));
        return map;
    }

    /** Within 10 % of the expected figure, or 1 for small figures. */
    private static void assertNear(long expected, long actual) {
        double tolerance = Math.max(1, expected * 0.10);
        assertTrue(Math.abs(actual - expected) <= tolerance, "expected about " + expected + " but was " + actual);
    }

    private static char checkCharacter(String code) {
        int[] weights = new int[17];
        int sum = 0;
        for (int i = 0, w = 1; i < 17; i++, w = w * 3 % 31) {
            weights[i] = w;
            sum += SYMBOLS.indexOf(code.charAt(i)) * w;
        }
        assertEquals(List.of(1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28),
                Arrays.stream(weights).boxed().toList());
        return SYMBOLS.charAt((31 - sum % 31) % 31);
    }

    /** GB 32100-2015 authority and category characters each kind may carry. */
    private static Set<String> authorityAndCategory(Kind kind) {
        return switch (kind) {
            case ENTERPRISE, ACCOUNTING_FIRM -> Set.of("91");
            case INDIVIDUAL_BUSINESS -> Set.of("92");
            case FARMER_COOPERATIVE -> Set.of("93");
            case OTHER_ECONOMIC -> Set.of("91", "92", "93");
            case SOCIAL_GROUP -> Set.of("51");
            case PRIVATE_NON_ENTERPRISE -> Set.of("52");
            case FOUNDATION -> Set.of("53");
            case LAW_FIRM -> Set.of("31");
            case OTHER_SOCIAL -> Set.of("59");
        };
    }
}
