package cn.liangxin.register;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;

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
 * township name found wins, then a name without its 民族 part ("鲁布革乡" for 鲁布革布依族苗族乡).
 */
public final class Addresses {

    /** What an address says: another county, or the register's county with its township (null: none named). */
    public record Place(boolean otherCounty, Township township) {
    }

    /** A county-level name in an address: up to six characters and 县 or 旗 (not 县道, a county road; not 市: 曲靖市 is a prefecture). */
    private static final Pattern COUNTY = Pattern.compile("[\\u4e00-\\u9fa5]{1,6}?[县旗](?!道)");
    private static final Pattern SUFFIX = Pattern.compile("((布依|苗|彝|回|壮|瑶|白|傣|哈尼|纳西|傈僳|拉祜|佤|景颇|藏)族)*(街道|镇|乡)$");

    private final County county;
    private final List<County> others;

    /** For a register of {@code county}, among the deployment's {@code counties}. */
    public Addresses(County county, List<County> counties) {
        this.county = county;
        this.others = counties.stream().filter(c -> !c.code().equals(county.code())).toList();
    }

    public Place place(String address, String uscc) {
        String a = RegisterFile.key(address);
        int from = a.indexOf(county.name());
        if (from < 0) {
            for (County other : others) {
                if (a.contains(other.name())) {
                    return new Place(true, null);
                }
            }
            Matcher m = COUNTY.matcher(a);
            if (m.find() && !m.group().equals(county.name())) {
                return new Place(true, null);
            }
            if (issuedElsewhere(uscc)) {
                return new Place(true, null);
            }
            from = 0;
        } else {
            from += county.name().length();
        }
        String rest = a.substring(from);
        Optional<Township> exact = county.townships().stream().filter(t -> rest.contains(t.name()))
                .max(Comparator.comparingInt(t -> t.name().length()));
        if (exact.isPresent()) {
            return new Place(false, exact.get());
        }
        for (Township t : county.townships()) {
            Matcher s = SUFFIX.matcher(t.name());
            if (s.find()) {
                String stem = t.name().substring(0, s.start());
                String kind = s.group(3);
                if (stem.length() >= 2 && rest.contains(stem + kind)) {
                    return new Place(false, t);
                }
            }
        }
        return new Place(false, null);
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
