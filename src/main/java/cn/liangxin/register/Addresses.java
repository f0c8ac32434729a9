package cn.liangxin.register;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;
import cn.liangxin.text.Simplified;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The township of a register line, read from its 住所 by name, map-free. The county comes first:
 * 陆良县 and 罗平县 both have a 马街镇 and a 板桥镇, so "陆良县马街镇…" is never 罗平县's. A line naming
 * another county, or whose credit code was issued by another county (characters 3–8), is of another
 * county; one naming no county is taken as the register's own. Within the county the longest
 * township name found wins, then a name without its 民族 part ("鲁布革乡" for 鲁布革布依族苗族乡), then
 * the county's keyword rules (the longest keyword found: "工业园区" → 罗雄街道). Traditional characters
 * read as simplified (羅平縣馬街鎮 is 罗平县马街镇).
 */
public final class Addresses {

    /**
     * What an address says: another county, or the register's county with its township (null: none
     * named), and the keyword of the rule that gave it (null: the address named it).
     */
    public record Place(boolean otherCounty, Township township, String rule) {

        Place(boolean otherCounty, Township township) {
            this(otherCounty, township, null);
        }
    }

    /** A county's rule: an address containing {@code keyword} is of {@code township}. */
    public record Rule(String keyword, Township township) {
    }

    /** A county-level name in an address: up to six characters and 县 or 旗 (not 县道, a county road; not 市: 曲靖市 is a prefecture). */
    private static final Pattern COUNTY = Pattern.compile("[\\u4e00-\\u9fa5]{1,6}?[县旗](?!道)");
    private static final Pattern SUFFIX = Pattern.compile("((布依|苗|彝|回|壮|瑶|白|傣|哈尼|纳西|傈僳|拉祜|佤|景颇|藏)族)*(街道|镇|乡)$");

    private final County county;
    private final List<County> others;
    private final List<Rule> rules;
    /** The names as addresses are compared ({@link #simplified}): the county's, the others', its townships'. */
    private final String countyName;
    private final List<String> otherNames;
    private final java.util.Map<Township, String> townshipNames = new java.util.HashMap<>();
    /** The county's townships, the longest name first, and their names as compared. */
    private final List<Township> longestFirst;
    private final List<String> longestNames;

    /** For a register of {@code county}, among the deployment's {@code counties}, with the county's rules. */
    public Addresses(County county, List<County> counties, List<Rule> rules) {
        this.county = county;
        this.others = counties.stream().filter(c -> !c.code().equals(county.code())).toList();
        this.rules = rules.stream().map(r -> new Rule(simplified(r.keyword()), r.township()))
                .filter(r -> !r.keyword().isEmpty())
                .sorted(Comparator.comparingInt((Rule r) -> r.keyword().length()).reversed()).toList();
        this.countyName = simplified(county.name());
        this.otherNames = others.stream().map(c -> simplified(c.name())).toList();
        county.townships().forEach(t -> townshipNames.put(t, simplified(t.name())));
        // the longest name first, in the county's order among names as long
        this.longestFirst = county.townships().stream()
                .sorted(Comparator.comparingInt((Township t) -> townshipNames.get(t).length()).reversed()).toList();
        this.longestNames = longestFirst.stream().map(townshipNames::get).toList();
    }

    /** For a register of {@code county}, among the deployment's {@code counties}, without rules. */
    public Addresses(County county, List<County> counties) {
        this(county, counties, List.of());
    }

    /** A text as addresses are compared: without spaces, full-width forms narrowed, traditional characters simplified. */
    static String simplified(String text) {
        return Simplified.of(RegisterFile.key(text));
    }

    public Place place(String address, String uscc) {
        String a = simplified(address);
        int from = a.indexOf(countyName);
        if (from < 0) {
            for (String other : otherNames) {
                if (a.contains(other)) {
                    return new Place(true, null);
                }
            }
            Matcher m = COUNTY.matcher(a);
            if (m.find() && !m.group().equals(countyName) && !inOwnTownship(a, m.start(), m.end())) {
                return new Place(true, null);
            }
            if (issuedElsewhere(uscc)) {
                return new Place(true, null);
            }
            from = 0;
        } else {
            from += countyName.length();
        }
        String rest = a.substring(from);
        for (int i = 0; i < longestFirst.size(); i++) {
            if (rest.contains(longestNames.get(i))) {
                return new Place(false, longestFirst.get(i));
            }
        }
        for (Township t : county.townships()) {
            String name = townshipNames.get(t);
            Matcher s = SUFFIX.matcher(name);
            if (s.find()) {
                String stem = name.substring(0, s.start());
                String kind = s.group(3);
                if (stem.length() >= 2 && rest.contains(stem + kind)) {
                    return new Place(false, t);
                }
            }
        }
        for (Rule r : rules) {
            if (a.contains(r.keyword())) {
                return new Place(false, r.township(), r.keyword());
            }
        }
        return new Place(false, null);
    }

    /** Whether a county-like name found in an address is part of one of the county's township names (旧县街道, 金平县农场). */
    private boolean inOwnTownship(String address, int start, int end) {
        for (String name : townshipNames.values()) {
            for (int at = address.indexOf(name); at >= 0 && at <= start; at = address.indexOf(name, at + 1)) {
                if (end <= at + name.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a credit code names another county as its registering division (a prefecture's or province's code does not). */
    private boolean issuedElsewhere(String uscc) {
        if (uscc == null || uscc.length() < 8) {
            return false;
        }
        String division = uscc.substring(2, 8);
        return division.matches("\\d{6}") && !division.endsWith("00") && !division.equals(county.code());
    }
}
