package cn.liangxin.plan;

import cn.liangxin.division.Township;
import cn.liangxin.rules.Explanations;
import cn.liangxin.rules.FormationRules;
import cn.liangxin.rules.GapCode;
import cn.liangxin.rules.GapSql;
import cn.liangxin.rules.JointFormation;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Joint-formation proposals per township: the organizations the rules call FEW_MEMBERS (uncovered,
 * 1 to 2 formal members), grouped by {@link JointFormation}, and for the rest an existing joint
 * branch of the same township — each with the reason in words a township reads.
 */
@ApplicationScoped
public class JointProposals {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** One organization of a proposal. */
    public record Org(long id, String name, int formalMembers, String industry, String community, String building) {
    }

    /** A group to form a joint branch together. */
    public record Group(String basis, String sharedValue, int formalMembers, String explanation, List<Org> organizations) {
    }

    /** An organization to join an existing joint branch. */
    public record Join(Org organization, long partyOrganizationId, String partyOrganizationName, String basis,
                       String explanation) {
    }

    /** A township's proposal. */
    public record TownshipProposal(String townshipCode, String townshipName, List<Group> groups, List<Join> joins,
                                   List<Org> unplaced, String unplacedExplanation) {
    }

    private final AgroalDataSource dataSource;
    private final FormationRules rules;
    private final GapSql gaps;

    public JointProposals(AgroalDataSource dataSource, FormationRules rules) {
        this.dataSource = dataSource;
        this.rules = rules;
        this.gaps = new GapSql(rules.thresholds());
    }

    /** The proposals of one township, or of every township the caller sees (township null). */
    public List<TownshipProposal> proposals(String township) {
        List<Township> townships = scope.townships().stream().filter(t -> township == null || t.code().equals(township)).toList();
        cn.liangxin.security.Scope.Part part = scope.part(null, township);
        Map<String, List<JointFormation.Candidate>> candidates = new HashMap<>();
        Map<String, List<JointFormation.Branch>> branches = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select o.township_code, o.id, o.name, o.formal_members, o.industry,"
                    + " o.community, o.building from " + GapSql.FROM + " where " + part.jdbc("o")
                    + " and " + gaps.predicate(GapCode.FEW_MEMBERS))) {
                part.bind(s, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        candidates.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new JointFormation.Candidate(
                                r.getLong(2), r.getString(3), r.getInt(4), r.getString(5), r.getString(6), r.getString(7)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    select p.township_code, p.id, p.name, count(o.id),
                           array_remove(array_agg(distinct o.industry), null),
                           array_remove(array_agg(distinct nullif(btrim(o.community), '')), null),
                           array_remove(array_agg(distinct nullif(btrim(o.building), '')), null)
                    from party_organization p
                    left join party_organization_coverage v
                           on v.county_code = p.county_code and v.party_organization_id = p.id and v.active
                    left join organization o on o.county_code = v.county_code and o.id = v.organization_id
                    where %s and p.formation in ('JOINT', 'TERRITORIAL')
                      and p.dissolved_on is null
                    group by p.township_code, p.id, p.name""".formatted(part.jdbc("p")))) {
                part.bind(s, 1);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        branches.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(new JointFormation.Branch(
                                r.getLong(2), r.getString(3), r.getInt(4), set(r.getArray(5)), set(r.getArray(6)),
                                set(r.getArray(7))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        int threshold = rules.thresholds().branchMinMembers();
        List<TownshipProposal> out = new ArrayList<>();
        for (Township t : townships) {
            JointFormation.Proposal p = JointFormation.propose(candidates.getOrDefault(t.code(), List.of()),
                    branches.getOrDefault(t.code(), List.of()), threshold);
            out.add(new TownshipProposal(t.code(), t.name(),
                    p.groups().stream().map(g -> new Group(g.basis().name(), g.key(), g.formalMembers(), explain(g),
                            g.organizations().stream().map(JointProposals::org).toList())).toList(),
                    p.joins().stream().map(j -> new Join(org(j.organization()), j.branch().id(), j.branch().name(),
                            j.basis() == null ? null : j.basis().name(), explain(j))).toList(),
                    p.unplaced().stream().map(JointProposals::org).toList(),
                    p.unplaced().isEmpty() ? null : Explanations.text("plan.joint.unplaced", threshold,
                            p.unplaced().stream().mapToInt(JointFormation.Candidate::formalMembers).sum())));
        }
        return out;
    }

    private static String explain(JointFormation.Group g) {
        String shared = switch (g.basis()) {
            case INDUSTRY -> Explanations.text("plan.joint.sameIndustry", Explanations.text("industry." + g.key()), g.key());
            case COMMUNITY -> Explanations.text("plan.joint.sameCommunity", g.key());
            case BUILDING -> Explanations.text("plan.joint.sameBuilding", g.key());
            case TOWNSHIP -> Explanations.text("plan.joint.sameTownship");
        };
        return Explanations.text("plan.joint.group", shared, g.organizations().size(), g.formalMembers());
    }

    private static String explain(JointFormation.Join j) {
        String name = j.branch().name();
        if (j.basis() == null) {
            return Explanations.text("plan.joint.joinNearby", name, j.branch().covered());
        }
        String shared = switch (j.basis()) {
            case INDUSTRY -> Explanations.text("plan.joint.sameIndustry", Explanations.text("industry." + j.organization().industry()),
                    j.organization().industry());
            case COMMUNITY -> Explanations.text("plan.joint.sameCommunity", j.organization().community().strip());
            case BUILDING -> Explanations.text("plan.joint.sameBuilding", j.organization().building().strip());
            case TOWNSHIP -> Explanations.text("plan.joint.sameTownship");
        };
        return Explanations.text("plan.joint.join", name, shared, j.branch().covered());
    }

    private static Org org(JointFormation.Candidate c) {
        return new Org(c.id(), c.name(), c.formalMembers(), c.industry(), c.community(), c.building());
    }

    private static Set<String> set(Array a) throws SQLException {
        return a == null ? Set.of() : Arrays.stream((Object[]) a.getArray()).filter(Objects::nonNull).map(Object::toString)
                .collect(Collectors.toSet());
    }
}
