package cn.liangxin.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Joint formation (联合组建) for one township: organizations with too few formal members for a
 * branch of their own are grouped — same industry section first, then the same village/community,
 * then the same park or building — into groups whose formal members together reach the branch
 * threshold; each organization left over is pointed to an existing joint branch of the township.
 * <p>
 * Within a bucket the grouping makes as many groups as it can (a larger number of small joint
 * branches is what a township can actually run): the organization with most members is joined by
 * those with fewest until the threshold is reached, which for the threshold 3 is exactly 2+1, then
 * 1+1+1, then 2+2 — optimal for members of 1 and 2. A remainder below the threshold joins the last
 * group of its bucket. Everything is ordered, so the same registry always gives the same proposal.
 */
public final class JointFormation {

    private JointFormation() {
    }

    /** An uncovered organization with at least one and fewer than the branch threshold of formal members. */
    public record Candidate(long id, String name, int formalMembers, String industry, String community, String building) {
    }

    /** An existing joint branch of the township, with what its covered organizations have in common. */
    public record Branch(long id, String name, int covered, Set<String> industries, Set<String> communities,
                         Set<String> buildings) {
    }

    /** What a group's organizations share. */
    public enum Basis {
        INDUSTRY(Candidate::industry), COMMUNITY(Candidate::community), BUILDING(Candidate::building),
        /** 地域相邻: the township itself, for those sharing nothing closer (every candidate is of one township). */
        TOWNSHIP(c -> "township");

        private final Function<Candidate, String> key;

        Basis(Function<Candidate, String> key) {
            this.key = key;
        }

        String of(Candidate c) {
            String k = key.apply(c);
            return k == null || k.isBlank() ? null : k.strip();
        }
    }

    /** Organizations proposed to form one joint branch together. */
    public record Group(Basis basis, String key, List<Candidate> organizations, int formalMembers) {
    }

    /** An organization proposed to join an existing joint branch; basis null when it shares nothing with it. */
    public record Join(Candidate organization, Branch branch, Basis basis) {
    }

    /** The township's proposal: new groups, joins, and organizations for which nothing can be proposed yet. */
    public record Proposal(List<Group> groups, List<Join> joins, List<Candidate> unplaced) {
    }

    public static Proposal propose(List<Candidate> candidates, List<Branch> branches, int threshold) {
        List<Candidate> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingLong(Candidate::id));
        List<Group> groups = new ArrayList<>();
        for (Basis basis : List.of(Basis.INDUSTRY, Basis.COMMUNITY, Basis.BUILDING)) {
            Map<String, List<Candidate>> buckets = new TreeMap<>();
            for (Candidate c : remaining) {
                String k = basis.of(c);
                if (k != null) {
                    buckets.computeIfAbsent(k, x -> new ArrayList<>()).add(c);
                }
            }
            Set<Candidate> placed = new LinkedHashSet<>();
            for (Map.Entry<String, List<Candidate>> b : buckets.entrySet()) {
                for (List<Candidate> g : group(b.getValue(), threshold)) {
                    groups.add(new Group(basis, b.getKey(), g, g.stream().mapToInt(Candidate::formalMembers).sum()));
                    placed.addAll(g);
                }
            }
            remaining.removeAll(placed);
        }
        // the rest join a branch they share something with; those sharing nothing form with the
        // township's others (地域相邻) when together they reach the threshold, else join any branch
        List<Join> joins = new ArrayList<>();
        List<Candidate> apart = new ArrayList<>();
        for (Candidate c : remaining) {
            Join best = best(c, branches);
            if (best != null && best.basis() != null) {
                joins.add(best);
            } else {
                apart.add(c);
            }
        }
        Set<Candidate> grouped = new LinkedHashSet<>();
        for (List<Candidate> g : group(apart, threshold)) {
            groups.add(new Group(Basis.TOWNSHIP, Basis.TOWNSHIP.of(g.get(0)), g, g.stream().mapToInt(Candidate::formalMembers).sum()));
            grouped.addAll(g);
        }
        List<Candidate> unplaced = new ArrayList<>();
        for (Candidate c : apart) {
            if (grouped.contains(c)) {
                continue;
            }
            Join best = best(c, branches);
            if (best == null) {
                unplaced.add(c);
            } else {
                joins.add(best);
            }
        }
        return new Proposal(groups, joins, unplaced);
    }

    /** The branch an organization shares most with (see {@link #better}); null without branches. */
    private static Join best(Candidate c, List<Branch> branches) {
        Join best = null;
        for (Branch b : branches) {
            Join j = new Join(c, b, shared(c, b));
            if (best == null || better(j, best)) {
                best = j;
            }
        }
        return best;
    }

    /** The most groups reaching the threshold; none when the bucket's members together fall short. */
    static List<List<Candidate>> group(List<Candidate> bucket, int threshold) {
        List<Candidate> sorted = new ArrayList<>(bucket);
        sorted.sort(Comparator.comparingInt(Candidate::formalMembers).reversed().thenComparingLong(Candidate::id));
        List<List<Candidate>> groups = new ArrayList<>();
        int i = 0;
        int j = sorted.size() - 1;
        while (i <= j) {
            List<Candidate> g = new ArrayList<>();
            g.add(sorted.get(i));
            int sum = sorted.get(i++).formalMembers();
            while (sum < threshold && i <= j) {
                g.add(sorted.get(j));
                sum += sorted.get(j--).formalMembers();
            }
            if (sum >= threshold) {
                groups.add(g);
            } else if (!groups.isEmpty()) {
                groups.get(groups.size() - 1).addAll(g);
            }
        }
        return groups;
    }

    private static Basis shared(Candidate c, Branch b) {
        if (Basis.INDUSTRY.of(c) != null && b.industries().contains(Basis.INDUSTRY.of(c))) return Basis.INDUSTRY;
        if (Basis.COMMUNITY.of(c) != null && b.communities().contains(Basis.COMMUNITY.of(c))) return Basis.COMMUNITY;
        if (Basis.BUILDING.of(c) != null && b.buildings().contains(Basis.BUILDING.of(c))) return Basis.BUILDING;
        return null;
    }

    /** What is shared first (industry, community, building, nothing), then the branch covering fewest, then its id. */
    private static boolean better(Join a, Join b) {
        int ra = a.basis() == null ? Basis.values().length : a.basis().ordinal();
        int rb = b.basis() == null ? Basis.values().length : b.basis().ordinal();
        if (ra != rb) return ra < rb;
        if (a.branch().covered() != b.branch().covered()) return a.branch().covered() < b.branch().covered();
        return a.branch().id() < b.branch().id();
    }
}
