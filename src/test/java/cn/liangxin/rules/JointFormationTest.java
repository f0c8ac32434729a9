package cn.liangxin.rules;

import cn.liangxin.rules.JointFormation.Basis;
import cn.liangxin.rules.JointFormation.Branch;
import cn.liangxin.rules.JointFormation.Candidate;
import cn.liangxin.rules.JointFormation.Proposal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JointFormationTest {

    private static Candidate c(long id, int members, String industry, String community, String building) {
        return new Candidate(id, "组织" + id, members, industry, community, building);
    }

    private static List<List<Long>> ids(Proposal p) {
        return p.groups().stream().map(g -> g.organizations().stream().map(Candidate::id).toList()).toList();
    }

    @Test
    void sevenManufacturersMakeThreeBranchesNotOne() {
        List<Candidate> in = List.of(c(1, 2, "C", null, null), c(2, 2, "C", null, null), c(3, 1, "C", null, null),
                c(4, 1, "C", null, null), c(5, 1, "C", null, null), c(6, 1, "C", null, null), c(7, 1, "C", null, null));
        Proposal p = JointFormation.propose(in, List.of(), 3);
        assertEquals(List.of(List.of(1L, 7L), List.of(2L, 6L), List.of(3L, 5L, 4L)), ids(p));
        assertTrue(p.groups().stream().allMatch(g -> g.basis() == Basis.INDUSTRY && g.key().equals("C")));
        assertEquals(List.of(3, 3, 3), p.groups().stream().map(JointFormation.Group::formalMembers).toList());
        assertTrue(p.joins().isEmpty() && p.unplaced().isEmpty());
    }

    @Test
    void twoMembersAreNotEnoughSoTheVillageDecides() {
        // 1 + 1 in manufacturing stays below 3; with a shop of the same community it reaches 3
        List<Candidate> in = List.of(c(10, 1, "C", "城东社区", null), c(11, 1, "C", "城西社区", null),
                c(12, 1, "F", "城东社区", null), c(13, 1, "F", "城东社区", null));
        Proposal p = JointFormation.propose(in, List.of(), 3);
        assertEquals(1, p.groups().size());
        assertEquals(Basis.COMMUNITY, p.groups().get(0).basis());
        assertEquals("城东社区", p.groups().get(0).key());
        assertEquals(List.of(10L, 13L, 12L), ids(p).get(0));
        assertEquals(List.of(11L), p.unplaced().stream().map(Candidate::id).toList(), "no branch to join in the township");
    }

    @Test
    void organizationsSharingNothingButTheTownshipStillFormTogether() {
        // 7 formal members in four organizations of four trades and villages: 地域相邻 is enough
        List<Candidate> in = List.of(c(1, 2, "C", "甲村", null), c(2, 2, "F", "乙村", null), c(3, 2, "H", "丙村", null),
                c(4, 1, "A", "丁村", null));
        Proposal p = JointFormation.propose(in, List.of(), 3);
        assertEquals(List.of(List.of(1L, 4L), List.of(2L, 3L)), ids(p));
        assertTrue(p.groups().stream().allMatch(g -> g.basis() == Basis.TOWNSHIP));
        assertTrue(p.unplaced().isEmpty(), "nobody is told 凑不足 when together they have 7");
    }

    @Test
    void theRestOfABucketJoinsItsLastGroup() {
        Proposal p = JointFormation.propose(List.of(c(1, 2, null, null, "创业园"), c(2, 2, null, null, "创业园"),
                c(3, 2, null, null, "创业园")), List.of(), 3);
        assertEquals(List.of(List.of(1L, 3L, 2L)), ids(p), "2 + 2 reach 3; the third 2 cannot, it goes with them");
        assertEquals(6, p.groups().get(0).formalMembers());
        assertEquals(Basis.BUILDING, p.groups().get(0).basis());
    }

    @Test
    void aLoneOrganizationJoinsTheBranchItSharesMostWith() {
        Branch busy = new Branch(100, "工业园区联合党支部", 9, Set.of("C"), Set.of(), Set.of());
        Branch small = new Branch(101, "商贸联合党支部", 2, Set.of("F"), Set.of("城南社区"), Set.of());
        Branch other = new Branch(99, "其他联合党支部", 2, Set.of("G"), Set.of(), Set.of());
        Proposal p = JointFormation.propose(List.of(c(1, 1, "C", "城东社区", null), c(2, 2, "K", "城南社区", null),
                c(3, 1, "P", "城北社区", null)), List.of(busy, small, other), 3);
        assertTrue(p.groups().isEmpty());
        assertEquals(100L, p.joins().get(0).branch().id(), "same industry first, however many it covers");
        assertEquals(Basis.INDUSTRY, p.joins().get(0).basis());
        assertEquals(101L, p.joins().get(1).branch().id(), "then the same community");
        assertEquals(99L, p.joins().get(2).branch().id(), "nothing shared: the branch covering fewest, lower id first");
        assertEquals(null, p.joins().get(2).basis());
    }

    @Test
    void aConfiguredThresholdOfFiveIsReachedAsOftenAsPossible() {
        Proposal p = JointFormation.propose(List.of(c(1, 4, "C", null, null), c(2, 1, "C", null, null),
                c(3, 3, "C", null, null), c(4, 2, "C", null, null)), List.of(), 5);
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), ids(p));
    }

    @Test
    void theSameRegistryGivesTheSameProposalWhateverTheOrder() {
        List<Candidate> in = new ArrayList<>();
        Random random = new Random(7);
        String[] industries = {"C", "F", null};
        String[] communities = {"甲村", "乙村", null};
        for (long id = 1; id <= 60; id++) {
            in.add(c(id, 1 + random.nextInt(2), industries[random.nextInt(3)], communities[random.nextInt(3)], null));
        }
        Proposal first = JointFormation.propose(in, List.of(), 3);
        Collections.shuffle(in, new Random(1));
        assertEquals(first, JointFormation.propose(in, List.of(), 3));
        int placed = first.groups().stream().mapToInt(g -> g.organizations().size()).sum() + first.unplaced().size();
        assertEquals(60, placed, "every candidate is either in a group or listed as unplaced");
        assertTrue(first.groups().stream().allMatch(g -> g.formalMembers() >= 3));
    }
}
