package cn.liangxin.division;

import cn.liangxin.text.Simplified;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * China's divisions down to township (2023 statistical codes, shipped with the service), narrowed
 * to the counties of this deployment.
 */
@Singleton
public class Divisions {

    private final List<County> counties;
    private final Map<String, Township> byCode = new LinkedHashMap<>();
    /** Townships by name, reduced for comparison; a province repeats some names (several 城关镇). */
    private final Map<String, List<Township>> byName = new LinkedHashMap<>();

    public Divisions(ScopeConfig scope) {
        List<String> codes = expand(scope.counties());
        Set<String> wanted = Set.copyOf(codes);
        Map<String, String> countyNames = new LinkedHashMap<>();
        read("divisions/areas.csv", r -> {
            if (wanted.contains(r.get("code"))) {
                countyNames.put(r.get("code"), r.get("name"));
            }
        });
        Map<String, List<Township>> townships = new LinkedHashMap<>();
        read("divisions/streets.csv", r -> {
            String county = r.get("areaCode");
            if (wanted.contains(county)) {
                Township t = new Township(r.get("code"), r.get("name"), county);
                townships.computeIfAbsent(county, k -> new ArrayList<>()).add(t);
                byCode.put(t.code(), t);
                byName.computeIfAbsent(normalize(t.name()), k -> new ArrayList<>()).add(t);
            }
        });
        List<County> list = new ArrayList<>();
        for (String code : codes) {
            list.add(new County(code, countyNames.get(code), List.copyOf(townships.getOrDefault(code, List.of()))));
        }
        this.counties = Collections.unmodifiableList(list);
    }

    /** The counties in scope, in configured order. */
    public List<County> counties() {
        return counties;
    }

    public List<String> countyCodes() {
        return counties.stream().map(County::code).toList();
    }

    /**
     * The county of this township, or every county in scope when there is no township (or none in
     * scope by that code): what a query narrowed to one township reads by its leading key.
     */
    public List<String> countyCodesOf(String township) {
        return township(township).map(t -> List.of(t.countyCode())).orElseGet(this::countyCodes);
    }

    /** Every township in scope, by county then code. */
    public List<Township> townships() {
        return List.copyOf(byCode.values());
    }

    /** The township in scope with this 9-digit code. */
    public Optional<Township> township(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code.trim()));
    }

    /**
     * The township in scope written as its code or its name, in simplified or traditional
     * characters, ignoring spaces (羅雄街道 = 罗雄街道).
     */
    public Optional<Township> find(String codeOrName) {
        if (codeOrName == null || codeOrName.isBlank()) {
            return Optional.empty();
        }
        String s = codeOrName.strip();
        return township(s).or(() -> named(s).stream().findFirst());
    }

    /** Every township in scope with this name (simplified or traditional characters, spaces ignored). */
    public List<Township> named(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        return byName.getOrDefault(normalize(name.strip()), List.of());
    }

    /** The names of the counties served, as a heading reads them (罗平县, or 罗平县、师宗县). */
    public String countyNames() {
        return String.join("、", counties().stream().map(County::name).toList());
    }

    public Optional<County> county(String code) {
        return counties.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /**
     * The county codes a scope names, in the order written, each once. An entry is a county (6
     * digits), a prefecture (4 digits, or 6 ending in 00) or a province (2 digits, or 6 ending in
     * 0000); the last two stand for every county under them. Anything else stops the start with a
     * message naming the entry.
     */
    public static List<String> expand(List<String> scope) {
        List<String[]> areas = new ArrayList<>();
        read("divisions/areas.csv", r -> areas.add(new String[]{r.get("code"), r.get("cityCode"), r.get("provinceCode")}));
        java.util.LinkedHashSet<String> counties = new java.util.LinkedHashSet<>();
        for (String raw : scope) {
            String code = raw == null ? "" : raw.strip();
            if (code.isEmpty()) {
                continue;
            }
            List<String> found;
            if (!code.matches("\\d{2}|\\d{4}|\\d{6}")) {
                found = List.of();
            } else if (code.length() == 6 && areas.stream().anyMatch(a -> a[0].equals(code))) {
                // a few county-level cities are coded like a prefecture (441900 东莞市)
                found = List.of(code);
            } else if (code.length() == 2 || code.endsWith("0000")) {
                String province = code.substring(0, 2);
                found = areas.stream().filter(a -> a[2].equals(province)).map(a -> a[0]).toList();
            } else if (code.length() == 4 || code.endsWith("00")) {
                String prefecture = code.substring(0, 4);
                found = areas.stream().filter(a -> a[1].equals(prefecture)).map(a -> a[0]).toList();
            } else {
                found = List.of();
            }
            if (found.isEmpty()) {
                throw new IllegalStateException("liangxin.scope.counties: '" + code + "' is neither a county code (6 digits)"
                        + " nor a prefecture (4 digits or 6 ending in 00) nor a province (2 digits or 6 ending in 0000)"
                        + " of the 2023 division codes");
            }
            counties.addAll(found);
        }
        if (counties.isEmpty()) {
            throw new IllegalStateException("liangxin.scope.counties: no county, prefecture or province code given");
        }
        return List.copyOf(counties);
    }

    /** Whether a 6-digit code is a county of the 2023 codes (a few county-level cities end in 00, 441900 东莞市). */
    public static boolean isCounty(String code) {
        boolean[] found = {false};
        read("divisions/areas.csv", r -> found[0] |= r.get("code").equals(code));
        return found[0];
    }

    /** A name reduced for comparison: no spaces, simplified characters. */
    static String normalize(String name) {
        String known = NORMALIZED.get(name);
        if (known != null) {
            return known;
        }
        String n = Simplified.of(SPACES.matcher(name).replaceAll(""));
        if (NORMALIZED.size() < 10_000) {
            NORMALIZED.put(name, n);
        }
        return n;
    }

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("[\\s\u3000]+");
    /** Names already reduced: an import names the same few townships on every row. */
    private static final Map<String, String> NORMALIZED = new java.util.concurrent.ConcurrentHashMap<>();

    private static void read(String resource, Consumer<CSVRecord> each) {
        try (InputStream in = Divisions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            for (CSVRecord r : format.parse(reader)) {
                each.accept(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
