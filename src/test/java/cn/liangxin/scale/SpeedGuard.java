package cn.liangxin.scale;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

/**
 * The speed guard: times the requests of a budgets file against a running service on a generated
 * province, each beside a bare SQL baseline timed in the same run on the same database, and fails
 * when a request's ratio to its baseline passes its budget.
 *
 * <p>A budget line is {@code name | who | baseline | max ratio | path | why}:
 * <ul>
 *   <li>who: {@code admin} (the province-wide administrator), {@code region} (a REGION account of the
 *   province), {@code county} (a COUNTY account of the county), {@code clerk} (township staff of the
 *   county's largest township);</li>
 *   <li>baseline: {@code province} (the province coverage aggregate, the two grouped queries the
 *   roll-up runs), {@code county} (the same for one county), {@code row} (one organization read by
 *   its primary key), {@code copy} (for {@code import}: a COPY of the same rows into a table shaped
 *   and indexed like the registry), or {@code @name}, another line's median;</li>
 *   <li>path: a GET, with {@code {county}}, {@code {township}}, {@code {org}}, {@code {uscc}} and
 *   {@code {name}} filled in from the database; or {@code import N}: a survey CSV of N rows of the
 *   county uploaded, previewed and committed.</li>
 * </ul>
 * The ratio is median to median (n runs each, after unmeasured warm-up runs), which a shared
 * machine disturbs far less than a tail; the baseline is timed just before and just after its line
 * and the two medians averaged; a line past its budget is measured a second time, baseline
 * included, and fails only if it is past it again.
 *
 * <p>Usage: {@code SpeedGuard BASE ADMIN PASSWORD BUDGETS JDBC_URL DB_USER DB_PASSWORD COUNTY RUNS}.
 */
public final class SpeedGuard {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    record Budget(String name, String who, String baseline, double max, String path, String why) {
    }

    record Timing(double p50, double p95, int bytes) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Connection db;
    private final int runs;
    private final Map<String, String> auth = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Timing> measured = new LinkedHashMap<>();
    private final String county;
    /** Makes the names of the organizations a survey import writes new; the same on two guards, the same rows. */
    private String importRun = Long.toString(System.currentTimeMillis(), 36);

    SpeedGuard(String base, Connection db, String county, int runs) {
        this.base = base;
        this.db = db;
        this.county = county;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int status = 2;
        try {
            if (args.length != 9) {
                System.err.println("usage: SpeedGuard BASE ADMIN PASSWORD BUDGETS JDBC_URL DB_USER DB_PASSWORD COUNTY RUNS");
            } else {
                try (Connection db = DriverManager.getConnection(args[4], args[5], args[6]);
                     Statement settings = db.createStatement()) {
                    // PostgreSQL's JIT compiles the province aggregate anew on every run, 0.1–0.3 s
                    // that varied fourfold between runs: the baseline is the query's own work
                    settings.execute("set jit = off");
                    SpeedGuard guard = new SpeedGuard(args[0], db, args[7], Integer.parseInt(args[8]));
                    status = guard.run(args[1], args[2], read(Path.of(args[3])));
                }
            }
        } finally {
            // the HTTP client's threads would keep the process alive
            System.exit(status);
        }
    }

    static List<Budget> read(Path file) throws Exception {
        return lines(file, "name | who | baseline | max ratio | path | why").stream()
                .map(f -> new Budget(f[0], f[1], f[2], Double.parseDouble(f[3]), f[4], f[5])).toList();
    }

    /**
     * The lines of a file of {@code |}-separated fields shaped like {@code shape}, stripped; blank
     * lines and {@code #} comments skipped; the last field must not be empty.
     */
    static List<String[]> lines(Path file, String shape) throws Exception {
        int fields = shape.split("\\|").length;
        List<String[]> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s*\\|\\s*", -1);
            if (f.length != fields || f[fields - 1].isBlank()) {
                throw new IllegalArgumentException(file + " line " + n + ": " + shape);
            }
            for (int i = 0; i < fields; i++) {
                f[i] = f[i].strip();
            }
            out.add(f);
        }
        return out;
    }

    int run(String admin, String password, List<Budget> budgets) throws Exception {
        fillValues();
        accounts(admin, password);
        System.out.printf(Locale.ROOT, "County %s, its largest township %s (%s organizations in the database); %d runs per line%n",
                county, values.get("township"), one("select count(*) from organization"), runs);
        // the driver prepares a statement on the server from its fifth run on: the baselines are
        // timed as prepared statements, like the service's own queries
        for (String warm : List.of("county", "row", "province")) {
            baseline(warm);
        }
        List<String> failures = new ArrayList<>();
        List<String[]> table = new ArrayList<>();
        for (Budget b : budgets) {
            double ratio = Double.NaN;
            Timing t = null;
            Timing base = null;
            String error = null;
            try {
                for (int attempt = 0; attempt < 2; attempt++) {
                    // the baseline timed just before and just after the line: a database that warms
                    // up or a machine that gets busier moves both alike
                    Timing before = baseline(b.baseline());
                    t = measure(b);
                    Timing after = baseline(b.baseline());
                    base = new Timing((before.p50() + after.p50()) / 2, Math.max(before.p95(), after.p95()), 0);
                    ratio = t.p50() / base.p50();
                    if (ratio <= b.max()) {
                        break;
                    }
                }
                measured.put(b.name(), t);
            } catch (Exception e) {
                error = e.getMessage();
            }
            boolean ok = error == null && ratio <= b.max();
            if (!ok) {
                failures.add(b.name() + (error != null ? ": " + error
                        : String.format(Locale.ROOT, ": %.1f× its baseline %s, over its budget %.1f× (%s)", ratio, b.baseline(), b.max(), b.why())));
            }
            table.add(new String[]{b.name(), b.who(), t == null ? "-" : ms(t.p50()), t == null ? "-" : ms(t.p95()),
                    t == null ? "-" : String.format(Locale.ROOT, "%,d", t.bytes()), b.baseline(), base == null ? "-" : ms(base.p50()),
                    Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.1f", ratio), String.format(Locale.ROOT, "%.1f", b.max()),
                    ok ? "ok" : "OVER"});
        }
        print(table);
        if (!failures.isEmpty()) {
            System.out.println();
            System.out.println("SPEED GUARD FAILED:");
            failures.forEach(f -> System.out.println("  " + f));
            return 1;
        }
        System.out.println("Speed guard passed: every line within its budget.");
        return 0;
    }

    private static void print(List<String[]> rows) {
        print(new String[]{"line", "who", "p50 ms", "p95 ms", "bytes", "baseline", "base p50 ms", "ratio", "budget", ""}, rows, 2, 5);
    }

    /** A table in columns, the given columns (and those before the first) aligned left. */
    static void print(String[] head, List<String[]> rows, int firstRight, int... left) {
        int[] w = new int[head.length];
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : all) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                int col = i;
                boolean leftAligned = i < firstRight || Arrays.stream(left).anyMatch(l -> l == col);
                s.append(leftAligned ? String.format("%-" + w[i] + "s", r[i]) : String.format("%" + w[i] + "s", r[i])).append("  ");
            }
            System.out.println(s.toString().stripTrailing());
        }
    }

    // ---- what the lines need ------------------------------------------------------------------

    /** The token the next survey import's names are made new with (two guards given one write the same rows). */
    void importRun(String token) {
        importRun = token;
    }

    /** A placeholder's value for the paths ({@code {name}}). */
    void value(String name, String value) {
        values.put(name, value);
    }

    void fillValues() throws Exception {
        values.put("county", county);
        String township = one("select township_code from organization where county_code = ? group by 1 order by count(*) desc, 1 limit 1", county);
        values.put("township", township);
        values.put("org", one("select min(id)::text from organization where county_code = ? and township_code = ?", county, township));
        values.put("uscc", one("select left(uscc, 12) from organization where county_code = ? and uscc is not null order by id limit 1", county));
        // half way down the county's ledger, for the deep pages (100 rows a page)
        long blank = Long.parseLong(one("""
                select count(*) from organization o where o.county_code = ? and o.status <> 'CLOSED' and not exists (
                  select 1 from party_organization_coverage c where c.county_code = o.county_code and c.organization_id = o.id and c.active)""",
                county));
        values.put("ledgerPage", String.valueOf(Math.max(1, blank / 200)));
        values.put("ledgerOffset", String.valueOf(Math.max(0, blank / 200 - 1) * 100));
        values.put("name", one("select name from organization where county_code = ? order by id desc limit 1", county));
    }

    /**
     * The administrator, and a REGION, a COUNTY and a clerk account created for this run (named for
     * it, so that the guard may run again on the same database).
     */
    void accounts(String admin, String password) throws Exception {
        auth.put("admin", basic(admin, password));
        String secret = "speed-guard-" + Long.toHexString(System.nanoTime());
        String run = Long.toString(System.currentTimeMillis(), 36);
        Map<String, String> bodies = Map.of(
                "region", "{\"username\":\"guard-region-%s\",\"password\":\"%s\",\"roles\":[\"REGION\"],\"divisions\":[\"%s\"]}"
                        .formatted(run, secret, county.substring(0, 2)),
                "county", "{\"username\":\"guard-county-%s\",\"password\":\"%s\",\"roles\":[\"COUNTY\"],\"divisions\":[\"%s\"]}"
                        .formatted(run, secret, county),
                "clerk", "{\"username\":\"guard-clerk-%s\",\"password\":\"%s\",\"roles\":[\"TOWNSHIP_STAFF\"],\"townships\":[\"%s\"]}"
                        .formatted(run, secret, values.get("township")));
        for (String who : List.of("region", "county", "clerk")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users")).header("Authorization", auth.get("admin"))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(bodies.get(who))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("creating the " + who + " account answered " + r.statusCode() + ": " + r.body());
            }
            auth.put(who, basic("guard-" + who + "-" + run, secret));
        }
    }

    private String fill(String path) {
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("unknown placeholder " + m.group() + " in " + path);
            }
            boolean query = m.start() > path.indexOf('?') && path.indexOf('?') >= 0;
            m.appendReplacement(out, Matcher.quoteReplacement(query ? URLEncoder.encode(v, StandardCharsets.UTF_8) : v));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ---- the requests -------------------------------------------------------------------------

    Timing measure(Budget b) throws Exception {
        String who = auth.get(b.who());
        if (who == null) {
            throw new IllegalArgumentException("unknown account " + b.who());
        }
        if (b.path().startsWith("import ")) {
            return importTiming(who, Integer.parseInt(b.path().substring(7).strip()));
        }
        if (b.path().startsWith("register ")) {
            return registerTiming(who, Path.of(fill(b.path().substring(9).strip())));
        }
        String path = fill(b.path());
        int[] bytes = {0};
        return time(() -> {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", who)
                        .header("Accept", accept(path)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
                            + new String(r.body(), StandardCharsets.UTF_8).lines().limit(3).toList());
                }
                bytes[0] = r.body().length;
                return 0;
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(path + ": " + e, e);
            }
        }, runs, bytes);
    }

    /**
     * A survey CSV of N rows of the county, uploaded, previewed and committed, a few times (each a
     * new file: the same rows twice would be matched, not written). The baseline is the COPY of the
     * rows it wrote into a table like the registry's, with its indexes.
     */
    private Timing importTiming(String who, int rows) throws Exception {
        Path dir = Files.createTempDirectory("speed-guard");
        cn.liangxin.survey.SurveyBenchmarkData.main(new String[]{String.valueOf(rows), dir.toString()});
        String csv = Files.readString(dir.resolve("survey.csv"), StandardCharsets.UTF_8);
        int times = 3;
        String run = importRun + rows;
        importRun = Long.toString(Long.parseLong(importRun, 36) + 1, 36);
        long[] ns = new long[times];
        for (int i = 0; i < times; i++) {
            // other names each time, so that every run writes its rows anew
            String file = csv.replace("号有限公司", "号有限公司" + run + i);
            long t0 = System.nanoTime();
            String boundary = "----guard" + i;
            byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"guard.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/imports")).header("Authorization", who)
                    .header("Accept", "application/json").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && r.statusCode() != 200) {
                throw new IllegalStateException("the survey upload answered " + r.statusCode() + ": " + r.body().lines().limit(3).toList());
            }
            Matcher id = ID.matcher(r.body());
            if (!id.find()) {
                throw new IllegalStateException("no preview id in " + r.body().lines().limit(2).toList());
            }
            r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/imports/" + id.group(1) + "/commit")).header("Authorization", who)
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("the commit answered " + r.statusCode() + ": " + r.body().lines().limit(3).toList());
            }
            ns[i] = System.nanoTime() - t0;
        }
        values.put("importRows", String.valueOf(rows));
        Arrays.sort(ns);
        return new Timing(ns[times / 2] / 1e6, ns[times - 1] / 1e6, csv.getBytes(StandardCharsets.UTF_8).length);
    }

    /**
     * A county's market register (a CSV as {@code RegisterBenchmarkData} writes it) posted for
     * reconciliation three times; each post is read and matched against the registry anew.
     */
    private Timing registerTiming(String who, Path file) throws Exception {
        byte[] csv = Files.readAllBytes(file);
        int times = 3;
        long[] ns = new long[times];
        for (int i = 0; i < times; i++) {
            String boundary = "----register" + i;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nMARKET\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"register.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(csv);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/registers?countyCode=" + county))
                    .header("Authorization", who).header("Accept", "application/json")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            ns[i] = System.nanoTime() - t0;
            if (r.statusCode() != 201) {
                throw new IllegalStateException("the register upload answered " + r.statusCode() + ": " + r.body().lines().limit(3).toList());
            }
        }
        Arrays.sort(ns);
        return new Timing(ns[times / 2] / 1e6, ns[times - 1] / 1e6, csv.length);
    }

    // ---- the baselines ------------------------------------------------------------------------

    Timing baseline(String which) throws Exception {
        Timing t;
        if (which.startsWith("@")) {
            t = measured.get(which.substring(1));
            if (t == null) {
                throw new IllegalArgumentException("baseline " + which + " names no line measured before it");
            }
            return t;
        }
        switch (which) {
            case "province" -> t = aggregate("o.county_code like ? ", county.substring(0, 2) + "%", true);
            case "county" -> t = aggregate("o.county_code = ? ", county, false);
            case "row" -> t = row();
            case "copy" -> t = copy(Integer.parseInt(values.getOrDefault("importRows", "2000")));
            default -> throw new IllegalArgumentException("unknown baseline " + which);
        }
        return t;
    }

    /** The coverage aggregate of the province or the county: the two grouped queries of the roll-up. */
    private Timing aggregate(String where, String value, boolean province) throws Exception {
        String orgs = """
                select o.township_code, count(*), count(*) filter (where o.sector = 'ECONOMIC'), count(*) filter (where o.sector = 'SOCIAL'),
                  coalesce(sum(o.headcount), 0), coalesce(sum(o.formal_members), 0), coalesce(sum(o.probationary_members), 0),
                  count(*) filter (where p.formation = 'INDEPENDENT'), count(*) filter (where p.formation <> 'INDEPENDENT'),
                  count(*) filter (where (p.id is null and o.formal_members >= 3)),
                  count(*) filter (where (p.id is null and o.formal_members >= 1 and o.formal_members < 3)),
                  count(*) filter (where (p.id is null and o.formal_members = 0)),
                  count(*) filter (where (p.id is null and o.formal_members = 0) and coalesce(btrim(o.instructor), '') <> '')
                from organization o
                left join party_organization_coverage c on c.county_code = o.county_code and c.organization_id = o.id and c.active
                left join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id
                where WHERE and o.status <> 'CLOSED'
                group by o.township_code""".replace("WHERE", where);
        String parties = """
                select p.township_code, count(*), count(*) filter (where p.level = 'BRANCH'), count(*) filter (where p.level = 'GENERAL_BRANCH'),
                  count(*) filter (where p.level = 'COMMITTEE')
                from party_organization p where WHERE and p.dissolved_on is null group by p.township_code"""
                .replace("WHERE", where.replace("o.", "p."));
        try (PreparedStatement a = db.prepareStatement(orgs); PreparedStatement b = db.prepareStatement(parties)) {
            a.setString(1, value);
            b.setString(1, value);
            return time(() -> drain(a) + drain(b), province ? Math.max(5, runs / 4) : runs * 2, null);
        }
    }

    /** One organization by its primary key, with its party organization, the ids taken in turn. */
    private Timing row() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("select id from organization order by id limit 500")) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        try (PreparedStatement p = db.prepareStatement("""
                select o.*, p.name from organization o
                left join party_organization_coverage c on c.county_code = o.county_code and c.organization_id = o.id and c.active
                left join party_organization p on p.county_code = c.county_code and p.id = c.party_organization_id
                where o.id = ?""")) {
            int[] i = {0};
            return time(() -> {
                try {
                    p.setLong(1, ids.get(i[0]++ % ids.size()));
                    return drain(p);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Math.max(50, runs * 5), null);
        }
    }

    /** A COPY of the newest N organizations into a table shaped and indexed like the registry's. */
    private Timing copy(int rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var copier = db.unwrap(PGConnection.class).getCopyAPI();
        copier.copyOut("copy (select * from organization order by id desc limit " + rows + ") to stdout", out);
        byte[] data = out.toByteArray();
        boolean auto = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            s.execute("create temporary table guard_copy (like organization including all) on commit drop");
            return time(() -> {
                try {
                    s.execute("truncate guard_copy");
                    return copier.copyIn("copy guard_copy from stdin", new ByteArrayInputStream(data));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 5, null);
        } finally {
            db.rollback();
            db.setAutoCommit(auto);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static long drain(PreparedStatement p) {
        try (ResultSet r = p.executeQuery()) {
            long n = 0;
            while (r.next()) {
                n++;
            }
            return n;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Times the action n times after a tenth as many (at least 3) unmeasured runs. */
    private static Timing time(LongSupplier action, int n, int[] bytes) {
        long[] ns = new long[n];
        for (int i = -Math.max(3, n / 10); i < n; i++) {
            long t0 = System.nanoTime();
            action.getAsLong();
            long t = System.nanoTime() - t0;
            if (i >= 0) {
                ns[i] = t;
            }
        }
        Arrays.sort(ns);
        return new Timing(pct(ns, 50) / 1e6, pct(ns, 95) / 1e6, bytes == null ? 0 : bytes[0]);
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private String one(String sql, String... args) throws Exception {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** What a client of the line asks for: a page, a file, or the API's JSON. */
    static String accept(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.endsWith(".xlsx") || p.endsWith(".csv") ? "*/*" : p.startsWith("/api") ? "application/json" : "text/html";
    }
}
