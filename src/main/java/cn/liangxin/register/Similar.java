package cn.liangxin.register;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names like a register line's among the registry's, to propose as the same organization for a
 * person to confirm: 罗平县鑫源商贸有限责任公司 and 罗平鑫源商贸有限公司 are one company written twice.
 * A name is compared without its place prefix (…省, …市, …县) and its legal form (有限责任公司,
 * 股份有限公司, 专业合作社, …), by the Dice coefficient of its character pairs (a Chinese name is
 * short, and two characters are already a word). Candidates come from an index of pairs, so a line
 * is compared with the names that share a pair with it, not with all; pairs shared by very many
 * names (商贸, 科技) are skipped when there are enough others to look by.
 */
public final class Similar {

    /** A proposal: the registry organization and how alike the names are, 0–1. */
    public record Match(long id, float score) {
    }

    /** Below this the names are not proposed as one. */
    public static final float THRESHOLD = 0.6f;
    /** A pair shared by more names than this does not bring candidates (unless the name has no other). */
    private static final int COMMON = 2_000;

    private static final Pattern PLACE = Pattern.compile("^([\\u4e00-\\u9fa5]{2,7}?(省|自治区))?([\\u4e00-\\u9fa5]{2,7}?(市|自治州|州|地区))?"
            + "([\\u4e00-\\u9fa5]{1,6}?(县|区|市|旗))?");
    private static final Pattern FORM = Pattern.compile("(股份有限公司|有限责任公司|有限公司|分公司|公司|专业合作社|合作社|个体工商户"
            + "|工作室|经营部|门市部|商行|商店|店|厂)$");
    private static final Pattern BRACKETS = Pattern.compile("[()（）]");

    private final List<String> places;
    private final List<long[]> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<Integer, int[]> index = new HashMap<>();
    private final Map<Integer, Integer> sizes = new HashMap<>();

    /**
     * For names of a county: {@code places} are the words a name may start with and that say nothing
     * of it (罗平县, 罗平 — a name of the county is often written with its county's short name).
     */
    public Similar(List<String> places) {
        this.places = places.stream().map(Addresses::simplified).filter(p -> p.length() >= 2)
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The words a name of {@code county} may start with: its name, and its name without 县, 区, 市 or 旗. */
    public static List<String> placesOf(String county) {
        String s = county.replaceAll("(自治县|自治旗|县|区|市|旗)$", "");
        return s.length() >= 2 && !s.equals(county) ? List.of(county, s) : List.of(county);
    }

    /** Adds a registry name. */
    public void add(long id, String name) {
        String core = core(name);
        if (core.isEmpty()) {
            return;
        }
        int n = names.size();
        names.add(core);
        ids.add(new long[]{id});
        for (int pair : pairs(core)) {
            int size = sizes.getOrDefault(pair, 0);
            int[] list = index.get(pair);
            if (list == null || list.length == size) {
                int[] grown = new int[Math.max(4, size * 2)];
                if (list != null) {
                    System.arraycopy(list, 0, grown, 0, size);
                }
                index.put(pair, grown);
                list = grown;
            }
            list[size] = n;
            sizes.put(pair, size + 1);
        }
    }

    /** The registry name most like {@code name}, when alike enough. */
    public Optional<Match> best(String name) {
        String core = core(name);
        if (core.isEmpty()) {
            return Optional.empty();
        }
        int[] pairs = pairs(core);
        boolean anyRare = false;
        for (int p : pairs) {
            anyRare |= sizes.getOrDefault(p, 0) > 0 && sizes.get(p) <= COMMON;
        }
        Map<Integer, Integer> shared = new HashMap<>();
        for (int p : distinct(pairs)) {
            int size = sizes.getOrDefault(p, 0);
            if (size == 0 || anyRare && size > COMMON) {
                continue;
            }
            int[] list = index.get(p);
            for (int i = 0; i < size; i++) {
                shared.merge(list[i], 1, Integer::sum);
            }
        }
        int bestAt = -1;
        float bestScore = 0;
        for (Map.Entry<Integer, Integer> e : shared.entrySet()) {
            String other = names.get(e.getKey());
            float score = dice(pairs, pairs(other));
            if (score > bestScore || score == bestScore && bestAt >= 0 && e.getKey() < bestAt) {
                bestScore = score;
                bestAt = e.getKey();
            }
        }
        return bestAt >= 0 && bestScore >= THRESHOLD
                ? Optional.of(new Match(ids.get(bestAt)[0], Math.round(bestScore * 100) / 100f)) : Optional.empty();
    }

    /** A name without spaces, brackets, its place prefix and its legal form; traditional characters simplified. */
    String core(String name) {
        String s = BRACKETS.matcher(Addresses.simplified(name)).replaceAll("");
        for (String p : places) {
            if (s.startsWith(p) && s.length() - p.length() >= 2) {
                s = s.substring(p.length());
                break;
            }
        }
        String withoutPlace = PLACE.matcher(s).replaceFirst("");
        if (withoutPlace.length() >= 2) {
            s = withoutPlace;
        }
        String withoutForm = FORM.matcher(s).replaceFirst("");
        return withoutForm.length() >= 2 ? withoutForm : s;
    }

    /** How alike two names are by their pairs: twice the shared over the total (multiset). */
    static float dice(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        Map<Integer, Integer> count = new HashMap<>();
        for (int p : a) {
            count.merge(p, 1, Integer::sum);
        }
        int shared = 0;
        for (int p : b) {
            Integer c = count.get(p);
            if (c != null && c > 0) {
                shared++;
                count.put(p, c - 1);
            }
        }
        return 2f * shared / (a.length + b.length);
    }

    /** The character pairs of a name (a one-character name is its own pair). */
    private static int[] pairs(String s) {
        if (s.length() < 2) {
            return s.isEmpty() ? new int[0] : new int[]{s.charAt(0) << 16};
        }
        int[] out = new int[s.length() - 1];
        for (int i = 0; i + 1 < s.length(); i++) {
            out[i] = s.charAt(i) << 16 | s.charAt(i + 1);
        }
        return out;
    }

    private static int[] distinct(int[] pairs) {
        return java.util.Arrays.stream(pairs).distinct().toArray();
    }
}
