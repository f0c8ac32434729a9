package cn.liangxin.register;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;
import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
    }

    /** For a register of {@code county}, among the deployment's {@code counties}, without rules. */
    public Addresses(County county, List<County> counties) {
        this(county, counties, List.of());
    }

    /** A text as addresses are compared: without spaces, full-width forms narrowed, traditional characters simplified. */
    static String simplified(String text) {
        String k = RegisterFile.key(text);
        return k.isEmpty() || !convertible(k) ? k : ZhConverterUtil.toSimple(k);
    }

    /**
     * The characters the traditional-to-simplified converter can change: those its character table
     * maps to another, and the first characters of its phrases. A text with none of them is its own
     * simplified form and is not handed to the converter, which segments every text it is given
     * (most of the time of reading a register went there).
     */
    private static final java.util.BitSet CONVERTIBLE = convertibleCharacters();

    private static boolean convertible(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (CONVERTIBLE.get(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static java.util.BitSet convertibleCharacters() {
        java.util.BitSet chars = new java.util.BitSet(1 << 16);
        for (String table : List.of("/data/dictionary/TSCharacters.txt", "/data/dictionary/TSPhrases.txt")) {
            try (java.io.InputStream in = ZhConverterUtil.class.getResourceAsStream(table)) {
                if (in == null) {
                    // the converter keeps its tables elsewhere: hand it every text
                    chars.set(0, 1 << 16);
                    return chars;
                }
                for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    String[] entry = line.strip().split("\\s+");
                    if (entry[0].isEmpty()) {
                        continue;
                    }
                    // a character mapped to itself (云 → 云) changes nothing; a phrase is found by its first character
                    if (entry[0].length() > 1 || entry.length < 2 || !entry[1].equals(entry[0])) {
                        chars.set(entry[0].charAt(0));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return chars;
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
        Optional<Township> exact = county.townships().stream().filter(t -> rest.contains(townshipNames.get(t)))
                .max(Comparator.comparingInt(t -> townshipNames.get(t).length()));
        if (exact.isPresent()) {
            return new Place(false, exact.get());
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
