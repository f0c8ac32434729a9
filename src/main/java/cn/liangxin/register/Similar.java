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
 * names (商贸, 科技) are skipped when there are enough others to look by. One instance serves one
 * import, in one thread (it keeps its counting array between lines).
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

    /** The legal forms {@link #FORM} removes, longest first: the one a name ends with that the pattern would take. */
    private static final List<String> FORMS = java.util.Arrays.stream(FORM.pattern().substring(1, FORM.pattern().length() - 2)
            .split("\\|")).sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();

    private final List<String> places;
    private final List<long[]> ids = new ArrayList<>();
    /** Each registry name's character pairs, sorted (for the Dice coefficient without a map). */
    private final List<int[]> names = new ArrayList<>();
    /** Per pair, the names holding it: the number of entries first, then the entries. */
    private final Map<Integer, int[]> index = new HashMap<>();
    /** Per name, how many of a line's pairs it shares, while {@link #best} counts (reset after). */
    private int[] shared = new int[64];

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
        int[] pairs = pairs(core);
        for (int pair : pairs) {
            int[] list = index.get(pair);
            if (list == null || list.length == list[0] + 1) {
                int[] grown = new int[list == null ? 4 : list.length * 2];
                if (list != null) {
                    System.arraycopy(list, 0, grown, 0, list.length);
                }
                index.put(pair, grown);
                list = grown;
            }
            list[++list[0]] = n;
        }
        java.util.Arrays.sort(pairs);
        names.add(pairs);
        ids.add(new long[]{id});
    }

    private int size(int pair) {
        int[] list = index.get(pair);
        return list == null ? 0 : list[0];
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
            int size = size(p);
            anyRare |= size > 0 && size <= COMMON;
        }
        if (shared.length < names.size()) {
            shared = new int[Math.max(names.size(), shared.length * 2)];
        }
        // the candidates, and how many pairs each shares at most: those counted from the index, and
        // the line's pairs too common to look by (so that a name that cannot reach the threshold is
        // not compared)
        int[] candidates = new int[16];
        int count = 0;
        int skipped = 0;
        int[] sorted = pairs.clone();
        java.util.Arrays.sort(sorted);
        for (int k = 0; k < sorted.length; k++) {
            int p = sorted[k];
            if (k > 0 && sorted[k - 1] == p) {
                continue;
            }
            int size = size(p);
            if (size == 0) {
                continue;
            }
            if (anyRare && size > COMMON) {
                for (int j = k; j < sorted.length && sorted[j] == p; j++) {
                    skipped++;
                }
                continue;
            }
            int[] list = index.get(p);
            for (int i = 1; i <= size; i++) {
                if (shared[list[i]]++ == 0) {
                    if (count == candidates.length) {
                        candidates = java.util.Arrays.copyOf(candidates, count * 2);
                    }
                    candidates[count++] = list[i];
                }
            }
        }
        int bestAt = -1;
        float bestScore = 0;
        for (int c = 0; c < count; c++) {
            int at = candidates[c];
            int[] other = names.get(at);
            int most = shared[at] + skipped;
            shared[at] = 0;
            if (2f * most / (pairs.length + other.length) < THRESHOLD) {
                continue;
            }
            float score = diceSorted(sorted, other);
            if (score > bestScore || score == bestScore && bestAt >= 0 && at < bestAt) {
                bestScore = score;
                bestAt = at;
            }
        }
        return bestAt >= 0 && bestScore >= THRESHOLD
                ? Optional.of(new Match(ids.get(bestAt)[0], Math.round(bestScore * 100) / 100f)) : Optional.empty();
    }

    /** A name without spaces, brackets, its place prefix and its legal form; traditional characters simplified. */
    String core(String name) {
        String s = Addresses.simplified(name);
        if (s.indexOf('(') >= 0 || s.indexOf(')') >= 0 || s.indexOf('（') >= 0 || s.indexOf('）') >= 0) {
            s = BRACKETS.matcher(s).replaceAll("");
        }
        for (String p : places) {
            if (s.startsWith(p) && s.length() - p.length() >= 2) {
                s = s.substring(p.length());
                break;
            }
        }
        if (mayStartWithPlace(s)) {
            String withoutPlace = PLACE.matcher(s).replaceFirst("");
            if (withoutPlace.length() >= 2) {
                s = withoutPlace;
            }
        }
        String withoutForm = s;
        for (String form : FORMS) {
            if (s.endsWith(form)) {
                withoutForm = s.substring(0, s.length() - form.length());
                break;
            }
        }
        return withoutForm.length() >= 2 ? withoutForm : s;
    }

    /** The longest place prefix {@link #PLACE} takes: a province, a prefecture and a county, each with its word. */
    private static final int PLACE_AT_MOST = 10 + 10 + 7;

    /** Whether {@link #PLACE} may take anything: only a name with a place word (省, 区, 市, 州, 县, 旗) near its start. */
    private static boolean mayStartWithPlace(String s) {
        for (int i = 0, end = Math.min(s.length(), PLACE_AT_MOST); i < end; i++) {
            switch (s.charAt(i)) {
                case '省', '区', '市', '州', '县', '旗' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** {@link #dice} of two sorted arrays of pairs. */
    private static float diceSorted(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2f * shared / (a.length + b.length);
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

}
