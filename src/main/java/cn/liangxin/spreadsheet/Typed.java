package cn.liangxin.spreadsheet;

import cn.liangxin.text.Simplified;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what clerks really type into a survey cell: full-width digits and letters, thousands
 * separators, a trailing 人/名/个, numbers stored as text, Excel date serials and the date forms of
 * Chinese offices, traditional characters. Each reader answers empty when the text is not of its kind.
 */
public final class Typed {

    private static final Pattern COUNT = Pattern.compile("(\\d+)(?:\\.0+)?");
    private static final Pattern SPACES = Pattern.compile("[\\s\u3000]+");
    private static final Pattern COUNT_NOISE = Pattern.compile("[,，\\s]+|[人名个位]$");
    /** Keys of short texts already worked out: a survey repeats the same few choices on every row. */
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();
    private static final int KEYS_KEPT = 20_000;
    private static final Pattern DATE = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
    private static final Pattern SERIAL = Pattern.compile("\\d{4,5}(?:\\.\\d{1,15})?");
    /** Excel's day 0 in its 1900 date system (serial 60, the 29 February 1900 that never was, aside). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private Typed() {
    }

    /** Full-width to half-width, spaces trimmed (inner ones too, for codes and numbers). */
    public static String narrow(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
            }
        }
        return s.strip();
    }

    /** Text compared against a list: narrowed, no spaces, simplified characters. */
    public static String key(String s) {
        String k = KEYS.get(s);
        if (k == null) {
            k = Simplified.of(SPACES.matcher(narrow(s)).replaceAll(""));
            if (s.length() <= 16 && KEYS.size() < KEYS_KEPT) {
                KEYS.put(s, k);
            }
        }
        return k;
    }

    /** A count of people: "１２", "1,234", "12人", "12.0" → the number; negative or fractional → empty. */
    public static Optional<Integer> count(String s) {
        if (!s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(Integer.parseInt(s));
        }
        String t = COUNT_NOISE.matcher(narrow(s)).replaceAll("");
        Matcher m = COUNT.matcher(t);
        if (!m.matches() || m.group(1).length() > 9) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(m.group(1)));
    }

    /** A date: 2009-12-05, 2009/12/5, 2009.12.5, 2009年12月5日, or an Excel serial such as 40152. */
    public static Optional<LocalDate> date(String s) {
        String t = narrow(s);
        try {
            Matcher m = DATE.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))));
            }
            if (SERIAL.matcher(t).matches()) {
                long days = new BigDecimal(t).longValue();
                if (days > 0 && days < 2958466) {
                    return Optional.of(EXCEL_EPOCH.plusDays(days));
                }
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** 是/否, 有/无, Y/N, √/×, true/false. */
    public static Optional<Boolean> yesNo(String s) {
        return switch (key(s).toLowerCase()) {
            case "是", "有", "y", "yes", "true", "√", "1" -> Optional.of(true);
            case "否", "无", "n", "no", "false", "×", "x", "0" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
