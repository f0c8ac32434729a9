package cn.liangxin.report;

import cn.liangxin.rules.FormationRules;
import cn.liangxin.security.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The coverage table's figures kept per township (table {@code township_summary}, V11). A change
 * marks its township stale in its own transaction; a read recounts the stale and the missing
 * townships of its part, keeps them, and answers from what is kept — so a province's roll-up
 * reads 1,500 rows instead of counting a million organizations, and shows what the registry holds.
 */
@ApplicationScoped
class TownshipSummary {

    /** The figures kept, by the names the coverage queries give them. */
    static final List<String> FIGURES = List.of("organizations", "economic", "social", "headcount", "formal",
            "probationary", "independently", "jointly", "should_form", "few_members", "no_members",
            "no_members_instructor", "nominal", "parties", "branch", "general_branch", "committee", "five_one",
            // the data-quality figures ({@link Quality#count}), kept with them (V18)
            "blank", "complete", "fresh", "warned", "register_lines", "register_in", "fresh_until_ms");

    private final EntityManager em;
    /** The thresholds the figures are counted with: kept figures of other thresholds are counted again. */
    private final String rules;

    TownshipSummary(EntityManager em, FormationRules rules,
                    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "liangxin.quality.fresh-months",
                            defaultValue = "12") int freshMonths) {
        this.em = em;
        // the quality figures count with the configured freshness too (and "q1": how they are counted)
        this.rules = Integer.toHexString((rules.thresholds().toString() + "|fresh " + freshMonths + "|q1").hashCode());
    }

    /**
     * The figures of these townships of a part, by township; those stale or not kept yet are counted
     * by {@code count} (over a part of just them) and kept first.
     */
    Map<String, Map<String, Long>> read(Scope.Part part, List<String> townships,
                                        Function<Scope.Part, Map<String, Map<String, Long>>> count) {
        Map<String, Map<String, Long>> out = new HashMap<>();
        if (part.isEmpty() || townships.isEmpty()) {
            return out;
        }
        if (QuarkusTransaction.isActive()) {
            // inside a writing transaction the kept figures may miss its own changes: count afresh
            return count.apply(part);
        }
        // the columns by position, in the order of FIGURES (a province's read is 1,500 rows of 25 figures)
        @SuppressWarnings("unchecked")
        List<Object[]> kept = part.bind(em.createNativeQuery("select t.township_code, t.fresh_until_ms > 0"
                + " and t.fresh_until_ms <= extract(epoch from now()) * 1000, " + String.join(", ", FIGURES)
                + " from township_summary t where " + part.sql("t") + " and t.rules = :rules"))
                .setParameter("rules", rules).getResultList();
        Set<String> expired = new java.util.HashSet<>();
        for (Object[] t : kept) {
            if (Boolean.TRUE.equals(t[1])) {
                // an organization counted as fresh is no longer: time alone changed the figures
                expired.add((String) t[0]);
            }
            Map<String, Long> figures = new HashMap<>(FIGURES.size() * 2);
            for (int i = 0; i < FIGURES.size(); i++) {
                figures.put(FIGURES.get(i), ((Number) t[i + 2]).longValue());
            }
            out.put((String) t[0], figures);
        }
        @SuppressWarnings("unchecked")
        List<Tuple> stale = part.bind(em.createNativeQuery("select s.township_code, s.seq from township_summary_stale s where "
                + part.sql("s"), Tuple.class)).getResultList();
        Map<String, Long> seen = new HashMap<>();
        stale.forEach(t -> seen.put((String) t.get(0), ((Number) t.get(1)).longValue()));
        Set<String> recount = new LinkedHashSet<>();
        for (String t : townships) {
            if (seen.containsKey(t) || !out.containsKey(t) || expired.contains(t)) {
                recount.add(t);
            }
        }
        if (!recount.isEmpty()) {
            out.putAll(recount(List.copyOf(recount), seen, count));
        }
        return out;
    }

    /**
     * Counts these townships, keeps their figures and clears their stale marks — only the marks
     * seen before counting: a change committed meanwhile has a later mark, which stays.
     */
    private Map<String, Map<String, Long>> recount(List<String> townships, Map<String, Long> seen,
                                                   Function<Scope.Part, Map<String, Map<String, Long>>> count) {
        List<String> counties = new ArrayList<>(townships.stream().map(t -> t.substring(0, 6)).distinct().toList());
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Map<String, Long>> counted = count.apply(new Scope.Part(counties, townships));
            Map<String, Map<String, Long>> out = new HashMap<>();
            for (String t : townships) {
                Map<String, Long> figures = new HashMap<>();
                for (String f : FIGURES) {
                    figures.put(f, counted.getOrDefault(t, Map.of()).getOrDefault(f, 0L));
                }
                out.put(t, figures);
            }
            // one batch of upserts and one of cleared marks (a province's first read keeps 1,461 townships)
            String updates = String.join(", ", FIGURES.stream().map(f -> f + " = excluded." + f).toList());
            em.unwrap(org.hibernate.Session.class).doWork(c -> {
                try (var upsert = c.prepareStatement("insert into township_summary (county_code, township_code, "
                        + String.join(", ", FIGURES) + ", rules, counted_at) values (?, ?, "
                        + String.join(", ", FIGURES.stream().map(f -> "?").toList()) + ", ?, now())"
                        + " on conflict (county_code, township_code) do update set " + updates
                        + ", rules = excluded.rules, counted_at = excluded.counted_at");
                     var clear = c.prepareStatement("delete from township_summary_stale where county_code = ?"
                             + " and township_code = ? and seq = ?")) {
                    for (String t : townships) {
                        int i = 1;
                        upsert.setString(i++, t.substring(0, 6));
                        upsert.setString(i++, t);
                        for (String f : FIGURES) {
                            upsert.setLong(i++, out.get(t).get(f));
                        }
                        upsert.setString(i, rules);
                        upsert.addBatch();
                        if (seen.containsKey(t)) {
                            clear.setString(1, t.substring(0, 6));
                            clear.setString(2, t);
                            clear.setLong(3, seen.get(t));
                            clear.addBatch();
                        }
                    }
                    upsert.executeBatch();
                    clear.executeBatch();
                }
            });
            return out;
        });
    }
}
