package cn.liangxin.demo;

import cn.liangxin.demo.DemoChronicle.Chronicle;
import cn.liangxin.demo.DemoChronicle.State;
import cn.liangxin.demo.DemoChronicle.Version;
import cn.liangxin.demo.DemoCounty.Organization;
import cn.liangxin.demo.DemoCounty.PartyOrganization;
import cn.liangxin.organization.Sector;
import cn.liangxin.organization.Status;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's years: seed 001's table on 31 December 2009, growth since, today's registry at the end. */
class DemoChronicleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 28);
    private final Chronicle ch = DemoChronicle.generate(DemoCounty.LUOPING, DemoCounty.LUOPING_TOWNSHIPS, DemoData.SEED, TODAY);
    private final List<Organization> orgs = ch.county().organizations();

    /** An organization's state at the end of a day, or null when it was not registered yet. */
    private State at(int i, LocalDate day) {
        State s = null;
        for (Version v : ch.versions().get(i)) {
            if (!v.from().isAfter(day)) {
                s = v.state();
            }
        }
        return s;
    }

    private static boolean inOffice(PartyOrganization p, LocalDate day) {
        return !p.foundedOn().isAfter(day) && (p.dissolvedOn() == null || p.dissolvedOn().isAfter(day));
    }

    @Test
    void theLast31December2009IsSeed001sTable() {
        LocalDate end = LocalDate.of(2009, 12, 31);
        int[] count = new int[2], headcount = new int[2], formal = new int[2], parties = new int[2];
        for (int i = 0; i < orgs.size(); i++) {
            State s = at(i, end);
            if (s == null || s.status() == Status.CLOSED) {
                continue;
            }
            int k = orgs.get(i).sector().ordinal();
            count[k]++;
            headcount[k] += s.headcount();
            formal[k] += s.formal();
        }
        for (PartyOrganization p : ch.county().partyOrganizations()) {
            if (inOffice(p, end)) {
                parties[orgs.get(p.covers().get(0)).sector().ordinal()]++;
            }
        }
        int e = Sector.ECONOMIC.ordinal(), s = Sector.SOCIAL.ordinal();
        assertEquals(List.of(908, 93), List.of(count[e], count[s]), "organizations");
        assertEquals(List.of(31_300, 1_064), List.of(headcount[e], headcount[s]), "employees");
        assertEquals(List.of(510, 158), List.of(formal[e], formal[s]), "formal members");
        assertEquals(List.of(37, 5), List.of(parties[e], parties[s]), "party organizations");
    }

    @Test
    void coverageRisesYearByYearAndTodayIsTheRegistry() {
        double before = 0;
        for (int year = 2009; year < TODAY.getYear(); year++) {
            double rate = ((DemoChronicleAccess) () -> ch).rate(LocalDate.of(year, 12, 31));
            assertTrue(rate >= before, year + ": " + rate + " after " + before);
            before = rate;
        }
        assertTrue(before > 0.08, "coverage has grown from about 5 % to " + before);
        for (int i = 0; i < orgs.size(); i++) {
            List<Version> v = ch.versions().get(i);
            Organization o = orgs.get(i);
            assertEquals(new State(o.status(), o.formalMembers(), o.probationaryMembers(), o.headcount(), o.instructor()),
                    v.get(v.size() - 1).state(), "the last version is today's row");
            assertTrue(v.get(v.size() - 1).from().isBefore(TODAY), "nothing dated today or later");
            for (int k = 1; k < v.size(); k++) {
                assertTrue(v.get(k).from().isAfter(v.get(k - 1).from()));
            }
        }
        assertTrue(orgs.size() > 1250, "registered since 2009: " + orgs.size());
        assertTrue(ch.county().partyOrganizations().stream().anyMatch(p -> p.dissolvedOn() != null
                && p.dissolvedOn().isAfter(DemoChronicle.BEGINS)), "some formed and dissolved again");
        assertEquals(ch, DemoChronicle.generate(DemoCounty.LUOPING, DemoCounty.LUOPING_TOWNSHIPS, DemoData.SEED, TODAY));
    }

    /** The coverage rate as the reports count it, from the chronicle's own records. */
    private interface DemoChronicleAccess {
        Chronicle chronicle();

        default double rate(LocalDate day) {
            Chronicle c = chronicle();
            java.util.Set<Integer> covered = new java.util.HashSet<>();
            c.county().partyOrganizations().stream().filter(p -> inOffice(p, day)).forEach(p -> covered.addAll(p.covers()));
            int active = 0, in = 0;
            for (int i = 0; i < c.county().organizations().size(); i++) {
                State s = null;
                for (Version v : c.versions().get(i)) {
                    if (!v.from().isAfter(day)) s = v.state();
                }
                if (s == null || s.status() == Status.CLOSED) continue;
                active++;
                if (covered.contains(i)) in++;
            }
            return (double) in / active;
        }
    }
}
