package cn.liangxin.demo;

import cn.liangxin.demo.DemoChronicle.Chronicle;
import cn.liangxin.demo.DemoChronicle.State;
import cn.liangxin.demo.DemoChronicle.Version;
import cn.liangxin.demo.DemoCounty.Organization;
import cn.liangxin.demo.DemoCounty.PartyOrganization;
import cn.liangxin.division.County;
import cn.liangxin.division.Divisions;
import cn.liangxin.organization.Status;
import cn.liangxin.rules.Formation;
import cn.liangxin.time.Days;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's years for any county of a deployment (罗平县 and 陆良县, each with its townships of the
 * reference divisions) and on any day: 1 January, 31 December, 29 February, today.
 */
class DemoChronicleCountiesTest {

    private static final List<County> COUNTIES = new Divisions(() -> List.of("530324", "530322")).counties();
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31),
            LocalDate.of(2024, 2, 29), LocalDate.of(2028, 2, 29), LocalDate.of(2012, 1, 1), Days.today());

    private static Chronicle chronicle(County county, LocalDate day) {
        return DemoChronicle.generate(county.code(), county.name(), townships(county), DemoData.seed(county.code()), day);
    }

    private static List<DemoCounty.Township> townships(County county) {
        return county.townships().stream().map(t -> new DemoCounty.Township(t.code(), t.name())).toList();
    }

    @Test
    void everyCountyOfTheDeploymentOnEveryDayEndsAsItStands() {
        List<String> failures = new ArrayList<>();
        for (County county : COUNTIES) {
            for (LocalDate day : DAYS) {
                try {
                    check(county, day, chronicle(county, day));
                } catch (RuntimeException | AssertionError e) {
                    failures.add(county.code() + " " + county.name() + " on " + day + ": " + e);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aSecondCountyIsACountyOfItsOwn() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        County luoping = COUNTIES.get(0), luliang = COUNTIES.get(1);
        assertEquals("陆良县", luliang.name());
        Chronicle a = chronicle(luoping, day), b = chronicle(luliang, day);
        Set<String> names = a.county().organizations().stream().map(Organization::name).collect(Collectors.toSet());
        List<Organization> theirs = b.county().organizations();
        assertTrue(theirs.stream().noneMatch(o -> names.contains(o.name())), "no organization of 罗平县 reappears in 陆良县");
        for (Organization o : theirs) {
            String text = o.name() + o.address() + (o.building() == null ? "" : o.building());
            assertFalse(text.contains("罗平") || text.contains("罗雄") || text.contains("九龙"), text);
        }
        for (PartyOrganization p : b.county().partyOrganizations()) {
            assertFalse(p.name().contains("罗平") || p.name().contains("罗雄"), p.name());
        }
        assertTrue(theirs.stream().filter(o -> o.name().startsWith("陆良县")).count() > theirs.size() / 3,
                "陆良县's organizations are registered under its name");
        // its townships' real names: 中枢街道 is the county seat, 三岔河镇 and 龙海乡 hold organizations too
        for (String township : List.of("中枢街道", "三岔河镇", "龙海乡")) {
            assertTrue(theirs.stream().anyMatch(o -> o.address().startsWith(township)), township);
        }
        Map<String, Long> perTownshipA = perTownship(a), perTownshipB = perTownship(b);
        assertNotEquals(List.copyOf(perTownshipA.values()), List.copyOf(perTownshipB.values()), "not the same county renamed");
        assertEquals(b, chronicle(luliang, day), "the same county on the same day, every time");
    }

    private static Map<String, Long> perTownship(Chronicle c) {
        return c.county().organizations().stream().collect(Collectors.groupingBy(Organization::townshipCode,
                java.util.TreeMap::new, Collectors.counting()));
    }

    /** The invariants the demo's loader relies on, and seed 001's table at the end of 2009. */
    private static void check(County county, LocalDate day, Chronicle ch) {
        List<Organization> orgs = ch.county().organizations();
        Set<String> townships = county.townships().stream().map(cn.liangxin.division.Township::code).collect(Collectors.toSet());
        assertEquals(county.code(), ch.county().countyCode());
        assertEquals(townships, orgs.stream().map(Organization::townshipCode).collect(Collectors.toSet()),
                "organizations in every township of the county and in no other");
        assertEquals(orgs.size(), orgs.stream().map(Organization::name).distinct().count(), "names are unique");
        Set<String> codes = new HashSet<>();
        for (Organization o : orgs) {
            if (o.uscc() != null) {
                assertEquals(county.code(), o.uscc().substring(2, 8), o.uscc());
                assertTrue(codes.add(o.uscc()), o.uscc());
            }
        }
        for (int i = 0; i < orgs.size(); i++) {
            List<Version> v = ch.versions().get(i);
            Organization o = orgs.get(i);
            assertFalse(v.isEmpty(), o.name());
            assertFalse(v.get(0).from().isBefore(DemoChronicle.BEGINS), o.name());
            assertEquals(new State(o.status(), o.formalMembers(), o.probationaryMembers(), o.headcount(), o.instructor()),
                    v.get(v.size() - 1).state(), "organization " + i + " ends as it stands");
            assertTrue(v.get(v.size() - 1).from().isBefore(day), "nothing dated " + day + " or later: " + v);
            for (int k = 1; k < v.size(); k++) {
                assertTrue(v.get(k).from().isAfter(v.get(k - 1).from()), o.name() + " " + v);
            }
        }
        for (PartyOrganization p : ch.county().partyOrganizations()) {
            assertTrue(p.foundedOn().isBefore(day), p.name() + " founded " + p.foundedOn());
            assertTrue(p.dissolvedOn() == null || (p.dissolvedOn().isBefore(day) && !p.dissolvedOn().isBefore(p.foundedOn())),
                    p.name() + " dissolved " + p.dissolvedOn());
            assertTrue(townships.contains(p.townshipCode()), p.name());
            for (int covered : p.covers()) {
                assertTrue(p.formation() == Formation.RELIANT || orgs.get(covered).townshipCode().equals(p.townshipCode()),
                        p.name() + " covers " + orgs.get(covered).name());
                assertFalse(ch.registered(covered).isAfter(p.foundedOn()) && p.foundedOn().isAfter(DemoChronicle.BEGINS),
                        p.name() + " covers an organization registered after it was founded");
            }
        }
        for (DemoChronicle.Standard s : ch.standards()) {
            assertTrue(s.partlyFrom().isBefore(day) && (s.completeFrom() == null || s.completeFrom().isBefore(day)), s.toString());
        }
        for (DemoChronicle.Goal g : ch.goals()) {
            assertTrue(DemoYears.setOn(g, day).isBefore(day), g + " set before " + day);
        }
        for (DemoChronicle.Rating r : ch.ratings()) {
            assertTrue(DemoYears.ratedOn(r).isBefore(day), r + " rated before " + day);
        }
        for (DemoChronicle.Campaign c : ch.campaigns()) {
            assertTrue(c.opened().isBefore(day), c.name());
            c.submitted().forEach((t, on) -> assertTrue(townships.contains(t) && on.isBefore(day), t + " " + on));
        }
        // 31 December 2009 is seed 001's table, in every county
        LocalDate end2009 = LocalDate.of(2009, 12, 31);
        int organizations = 0, formal = 0, headcount = 0;
        for (int i = 0; i < orgs.size(); i++) {
            State s = null;
            for (Version v : ch.versions().get(i)) {
                if (!v.from().isAfter(end2009)) {
                    s = v.state();
                }
            }
            if (s != null && s.status() != Status.CLOSED) {
                organizations++;
                formal += s.formal();
                headcount += s.headcount();
            }
        }
        long parties2009 = ch.county().partyOrganizations().stream().filter(p -> !p.foundedOn().isAfter(end2009)
                && (p.dissolvedOn() == null || p.dissolvedOn().isAfter(end2009))).count();
        assertEquals(List.of(1001, 510 + 158, 31_300 + 1_064, 42L), List.of(organizations, formal, headcount, parties2009),
                "seed 001's table on 31 December 2009");
    }
}
