package cn.liangxin.register;

import cn.liangxin.spreadsheet.RowSource;
import cn.liangxin.spreadsheet.SheetRow;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A register of record as its office exports it: the header found by name (in the first ten rows, a
 * title row above it tolerated), under any of the names these offices use, and each line read into
 * a {@link Line}. Plain Java over the survey intake's streaming readers.
 */
public final class RegisterFile {

    /** The columns read, by the header names the market regulation and civil affairs exports use. */
    enum Field {
        CODE("统一社会信用代码", "社会信用代码", "信用代码"),
        NAME("企业名称", "名称", "企业(机构)名称", "社会组织名称", "单位名称"),
        STATUS("登记状态", "经营状态", "企业状态"),
        ADDRESS("住所", "地址", "住所(经营场所)", "注册地址"),
        TYPE("企业类型", "类型", "社会组织类型", "组织类型"),
        FOUNDED("成立日期", "成立登记日期", "登记日期");

        final List<String> names;

        Field(String... names) {
            this.names = List.of(names);
        }
    }

    /** One line of a register: its row in the file and what it says. */
    public record Line(int row, String uscc, String name, String status, boolean active, String address, String type) {
    }

    /** Words of a status that say the organization no longer exists; checked before the active ones. */
    static final Set<String> INACTIVE = Set.of("注销", "吊销", "撤销", "迁出");
    private static final Pattern SPACE = Pattern.compile("[\\s\\u3000]+");
    private static final int HEADER_WITHIN = 10;

    private RegisterFile() {
    }

    /** A header's or a name's comparable form: NFKC (full-width brackets half-width), no spaces or asterisks. */
    static String key(String text) {
        if (text == null) {
            return "";
        }
        // most text is normalized already and has nothing to remove: answered without copying it
        String n = stable(text) || Normalizer.isNormalized(text, Normalizer.Form.NFKC)
                ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (ch == '*' || ch == '\u3000' || ch == ' ' || ch >= '\t' && ch <= '\r') {
                return SPACE.matcher(n).replaceAll("").replace("*", "");
            }
        }
        return n;
    }

    /**
     * Whether NFKC leaves the text as it is, told without the normalizer for the text most names and
     * codes are made of: printable ASCII and the CJK unified ideographs (U+4E00–U+9FFF), which have
     * no decomposition (the compatibility ideographs, U+F900 on, do).
     */
    private static boolean stable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!(ch >= 0x20 && ch <= 0x7E || ch >= 0x4E00 && ch <= 0x9FFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a status says the organization is active: anything but 注销, 吊销, 撤销 or 迁出 (存续, 在业,
     * 開業, 正常, 在营), in simplified or traditional characters.
     */
    static boolean active(String status) {
        if (status == null) {
            return true;
        }
        Boolean known = ACTIVE.get(status);
        if (known == null) {
            String s = Addresses.simplified(status);
            known = INACTIVE.stream().noneMatch(s::contains);
            if (ACTIVE.size() < 1000) {
                ACTIVE.put(status, known);
            }
        }
        return known;
    }

    /** Statuses already read: a register uses a handful of words on every line. */
    private static final Map<String, Boolean> ACTIVE = new java.util.concurrent.ConcurrentHashMap<>();

    /** Every line of the file, in a list (see {@link #read(RowSource, java.util.function.Consumer)}). */
    public static List<Line> read(RowSource rows) {
        List<Line> lines = new ArrayList<>();
        read(rows, lines::add);
        return lines;
    }

    /**
     * Each line of the file to {@code each} as it is read, so that a register of any length is read in
     * little memory; a file without a recognisable header is a 400 saying which names were looked for.
     * Answers the number of lines.
     */
    public static int read(RowSource rows, java.util.function.Consumer<Line> each) {
        Map<Field, Integer> columns = null;
        int lines = 0;
        int seen = 0;
        while (rows.hasNext()) {
            SheetRow r = rows.next();
            if (columns == null) {
                if (++seen > HEADER_WITHIN) {
                    break;
                }
                columns = header(r);
                continue;
            }
            String name = text(r, columns.get(Field.NAME));
            if (name == null) {
                continue;
            }
            String status = text(r, columns.get(Field.STATUS));
            String uscc = text(r, columns.get(Field.CODE));
            each.accept(new Line(r.number(), uscc == null ? null : key(uscc).toUpperCase(java.util.Locale.ROOT), name,
                    status, active(status), text(r, columns.get(Field.ADDRESS)), text(r, columns.get(Field.TYPE))));
            lines++;
        }
        if (columns == null) {
            throw ApiException.invalid("file", Msg.t("register.noHeader", String.join("、", Field.NAME.names)));
        }
        return lines;
    }

    /** The columns of a header row, or null when the row is not one: a name column and a code, status or address column. */
    private static Map<Field, Integer> header(SheetRow r) {
        Map<Field, Integer> found = new HashMap<>();
        for (int c = 0; c < r.cells().size(); c++) {
            String k = Addresses.simplified(r.cell(c));
            for (Field f : Field.values()) {
                if (!found.containsKey(f) && f.names.stream().map(RegisterFile::key).anyMatch(k::equals)) {
                    found.put(f, c);
                }
            }
        }
        boolean header = found.containsKey(Field.NAME)
                && (found.containsKey(Field.CODE) || found.containsKey(Field.STATUS) || found.containsKey(Field.ADDRESS));
        return header ? found : null;
    }

    private static String text(SheetRow r, Integer column) {
        if (column == null) {
            return null;
        }
        String v = r.cell(column).strip();
        return v.isEmpty() ? null : v;
    }
}
