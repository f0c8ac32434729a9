package cn.liangxin.scale;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of the scale benchmarks, run in a process of its own against a running
 * service (loopback). Two modes:
 * <ul>
 *   <li>{@code latency BASE USER PASSWORD COUNT PATH…}: each path COUNT times in a row (after a
 *   tenth as many unmeasured), one client; prints p50/p95/p99/max per path.</li>
 *   <li>{@code deadline BASE ADMIN PASSWORD CLERKS SECONDS THINK_MS}: creates CLERKS township
 *   accounts (one township each, spread over the province) where missing, then each clerk signs in
 *   with the login form (the clerks arriving over the first quarter of the run; one turned away with
 *   429 waits Retry-After and tries again, as the login page does) and, until SECONDS have passed, opens her township page, corrects an
 *   organization (PUT with its version), uploads a 200-row survey CSV of her township, opens the
 *   preview and commits it, thinking THINK_MS between actions. First it measures the password checks
 *   the service does a second (sign-ins of unknown names, two per core at once). Prints per action the count,
 *   p50/p99/max and errors, and the throughput; for the sign-ins the time from arrival to signed in
 *   (p50/p95/p99/max), the bcrypt floor (CLERKS ÷ checks a second) and the last sign-in against it.</li>
 * </ul>
 */
public final class ScaleBench {

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");
    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            // the HTTP client's threads would keep the process alive
            System.exit(0);
        }
    }

    static void run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("latency")) {
            latency(args[1], args[2], args[3], Integer.parseInt(args[4]), Arrays.copyOfRange(args, 5, args.length));
        } else if (args.length > 0 && args[0].equals("deadline")) {
            deadline(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6]),
                    args.length > 7 ? args[7] : null);
        } else {
            System.err.println("usage: ScaleBench latency BASE USER PASSWORD COUNT PATH… | deadline BASE ADMIN PASSWORD CLERKS SECONDS THINK_MS [METRICS_BASE]");
            System.exit(2);
        }
    }

    // ---- latency ----------------------------------------------------------------------------

    static void latency(String base, String user, String password, int count, String[] paths) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String auth = basic(user, password);
        for (String path : paths) {
            long[] ns = new long[count];
            int bytes = 0;
            for (int i = -Math.max(3, count / 10); i < count; i++) {
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                        .header("Accept", path.startsWith("/api") ? "application/json" : "text/html").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long t = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
                }
                if (i >= 0) {
                    ns[i] = t;
                    bytes = r.body().length;
                }
            }
            Arrays.sort(ns);
            System.out.printf(Locale.ROOT, "%-90s n=%d p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (%,d bytes)%n", path, count,
                    ms(pct(ns, 50)), ms(pct(ns, 95)), ms(pct(ns, 99)), ms(ns[ns.length - 1]), bytes);
        }
    }

    // ---- deadline day -----------------------------------------------------------------------

    /** Latencies of one action, and its errors. */
    static final class Action {
        final String name;
        final boolean write;
        final List<Long> ns = new ArrayList<>();
        final AtomicInteger errors = new AtomicInteger();
        final Map<String, Integer> examples = new ConcurrentHashMap<>();

        Action(String name, boolean write) {
            this.name = name;
            this.write = write;
        }

        synchronized void ok(long t) {
            ns.add(t);
        }

        void error(String what) {
            errors.incrementAndGet();
            String key = what.replaceAll("Error id [0-9a-f-]+", "Error id …");
            examples.merge(key.length() > 120 ? key.substring(0, 120) : key, 1, Integer::sum);
        }
    }

    static void deadline(String base, String admin, String password, int clerks, int seconds, int think, String metrics) throws Exception {
        // HTTP/1.1 as browsers speak it over plain HTTP: a connection per clerk, not one multiplexed one
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(8)).build();
        String adminAuth = basic(admin, password);
        List<String> townships = townships(http, base, adminAuth, clerks);
        String clerkPassword = "deadline-day-2009";
        for (int i = 0; i < clerks; i++) {
            // named after the township, so that a second run finds the same accounts
            String body = "{\"username\":\"clerk-%s\",\"password\":\"%s\",\"roles\":[\"TOWNSHIP_STAFF\"],\"townships\":[\"%s\"]}"
                    .formatted(townships.get(i), clerkPassword, townships.get(i));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/users")).header("Authorization", adminAuth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201 && !(r.statusCode() == 409 || r.statusCode() == 400 && r.body().contains("username"))) {
                throw new IllegalStateException("creating clerk " + (i + 1) + ": " + r.statusCode() + " " + r.body());
            }
        }
        System.out.printf(Locale.ROOT, "%d clerk accounts ready; %d s of deadline day, %d ms thinking between actions%n", clerks, seconds, think);
        double checks = checksPerSecond(http, base);
        System.out.printf(Locale.ROOT, "password checks: %.1f a second (unknown names, %d at once, quiet service)%n", checks,
                2 * Runtime.getRuntime().availableProcessors());

        Action login = new Action("sign in: arrival → in", true), page = new Action("township page", false),
                list = new Action("organization list", false), put = new Action("edit organization (PUT)", true),
                upload = new Action("upload 200-row survey", true), preview = new Action("open preview", false),
                commit = new Action("commit survey", true);
        List<Action> actions = List.of(login, page, list, put, upload, preview, commit);
        AtomicLong done = new AtomicLong();
        SignIns signIns = new SignIns();
        String before = metrics == null ? null : metrics(http, metrics);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clerks);
        CountDownLatch finished = new CountDownLatch(clerks);
        for (int i = 0; i < clerks; i++) {
            int n = i;
            pool.submit(() -> {
                try {
                    // clerks arrive over the first quarter of the run
                    Thread.sleep((long) n * seconds * 250L / clerks);
                    new Clerk(http, base, "clerk-" + townships.get(n), clerkPassword, townships.get(n), n, think, end,
                            login, page, list, put, upload, preview, commit, done, signIns).run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long requests = actions.stream().mapToLong(a -> a.ns.size() + a.errors.get()).sum();
        System.out.printf(Locale.ROOT, "%nDeadline day: %d clerks, %.0f s: %,d requests (%.1f/s), %,d survey rows committed, %d errors%n",
                clerks, elapsed, requests, requests / elapsed, done.get() * 200, actions.stream().mapToInt(a -> a.errors.get()).sum());
        System.out.printf(Locale.ROOT, "  %-24s %7s %9s %9s %9s %7s  %s%n", "action", "count", "p50 ms", "p99 ms", "max ms", "errors", "target p99");
        for (Action a : actions) {
            long[] ns = a.ns.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-24s %7d %9.1f %9.1f %9.1f %7d  %s%n", a.name, ns.length, ms(pct(ns, 50)), ms(pct(ns, 99)),
                    ns.length == 0 ? 0 : ms(ns[ns.length - 1]), a.errors.get(), a == login ? "last ≤ 1.3 × floor" : a.write ? "≤ 1000 ms" : "≤ 500 ms");
            a.examples.forEach((k, v) -> System.out.printf("      %d× %s%n", v, k));
        }
        long[] in = login.ns.stream().mapToLong(Long::longValue).sorted().toArray();
        double last = (signIns.last.get() - start) / 1e9;
        double floor = clerks / checks;
        System.out.printf(Locale.ROOT, "%nSign-in: %d of %d clerks signed in, %,d attempts, %,d answered 429 (each waited Retry-After and tried again)%n",
                in.length, clerks, signIns.attempts.get(), signIns.turnedAway.get());
        System.out.printf(Locale.ROOT, "  arrival → signed in: p50 %.1f s  p95 %.1f s  p99 %.1f s  max %.1f s%n",
                pct(in, 50) / 1e9, pct(in, 95) / 1e9, pct(in, 99) / 1e9, in.length == 0 ? 0 : in[in.length - 1] / 1e9);
        System.out.printf(Locale.ROOT, "  checks measured %.1f/s; bcrypt floor %d ÷ %.1f = %.1f s; last signed in %.1f s after the first arrival;"
                + " ratio %.2f (target ≤ 1.30: %s)%n", checks, clerks, checks, floor, last, last / floor,
                in.length == clerks && last / floor <= 1.3 ? "met" : "missed");
        System.out.printf(Locale.ROOT, "  sign-ins done a second between the first arrival and the last sign-in: %.1f%n", in.length / last);
        if (before != null) {
            // the service's own account of its checks during the crowd: were its check threads ever idle while people waited?
            String after = metrics(http, metrics);
            double checked = metric(after, "liangxin_login_checks_total") - metric(before, "liangxin_login_checks_total");
            double busy = metric(after, "liangxin_login_check_seconds_total") - metric(before, "liangxin_login_check_seconds_total");
            double threads = metric(after, "liangxin_login_checkers");
            double rate = checked / (busy / threads);
            System.out.printf(Locale.ROOT, "  the service: %.0f checks, %.0f answered 429; its %.0f check threads busy %.0f %% of the time to the last sign-in,"
                            + " %.1f checks a second while busy (floor at that pace %.1f s, last sign-in %.2f × it)%n",
                    checked, metric(after, "liangxin_login_turned_away_total") - metric(before, "liangxin_login_turned_away_total"), threads,
                    100 * busy / (threads * last), rate, clerks / rate, last / (clerks / rate));
        }
    }

    /** The service's metrics (Prometheus text). */
    static String metrics(HttpClient http, String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One untagged value of a Prometheus text. */
    static double metric(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no metric " + name);
        }
        return Double.parseDouble(m.group(1));
    }

    /** How the crowd's sign-ins went: every form sent, those answered 429, and when the last one got in. */
    static final class SignIns {
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger turnedAway = new AtomicInteger();
        final AtomicLong last = new AtomicLong();
    }

    /**
     * The password checks the service does a second, measured before the crowd: two sign-ins per
     * core at once, each an unknown name (a full bcrypt check, no account held back), for 6 s after
     * 1 s of warming up; the answers completed in those 6 s.
     */
    static double checksPerSecond(HttpClient http, String base) throws InterruptedException {
        int threads = 2 * Runtime.getRuntime().availableProcessors();
        long warm = System.nanoTime() + 1_000_000_000L;
        long stop = warm + 6_000_000_000L;
        AtomicInteger counted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> all = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int n = i;
            all.add(pool.submit(() -> {
                for (int k = 0; System.nanoTime() < stop; k++) {
                    String form = "csrf-token=" + Clerk.csrf + "&j_username=calibration-" + n + "-" + k + "&j_password=not-a-password";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "liangxin-csrf=" + Clerk.csrf)
                                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                        long now = System.nanoTime();
                        if (r.statusCode() != 401) {
                            throw new IllegalStateException("a sign-in of an unknown name answered " + r.statusCode());
                        }
                        if (now > warm && now <= stop) {
                            counted.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        pool.shutdown();
        for (java.util.concurrent.Future<?> f : all) {
            try {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("measuring the checks: " + e, e);
            }
        }
        return counted.get() / 6.0;
    }

    /** One township per clerk, spread over every county of the province in scope. */
    static List<String> townships(HttpClient http, String base, String auth, int clerks) throws Exception {
        String json = http.send(HttpRequest.newBuilder(URI.create(base + "/api/divisions/townships")).header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> all = new ArrayList<>();
        Matcher m = Pattern.compile("\"code\":\"(\\d{9})\"").matcher(json);
        while (m.find()) {
            all.add(m.group(1));
        }
        if (all.size() < clerks) {
            throw new IllegalStateException("only " + all.size() + " townships in scope for " + clerks + " clerks");
        }
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < clerks; i++) {
            picked.add(all.get((int) ((long) i * all.size() / clerks)));
        }
        return picked;
    }

    /** One clerk's session. */
    record Clerk(HttpClient http, String base, String user, String password, String township, int n, int think, long end,
                 Action login, Action page, Action list, Action put, Action upload, Action preview, Action commit,
                 AtomicLong done, SignIns signIns) {

        void run() throws InterruptedException {
            String cookie = signIn();
            if (cookie == null) {
                return;
            }
            List<String[]> survey = null;
            for (int round = 1; System.nanoTime() < end; round++) {
                get(page, cookie, "/townships/" + township, "text/html");
                pause();
                String orgs = get(list, cookie, "/api/organizations?township=" + township + "&size=20&page=" + (round % 5), "application/json");
                pause();
                if (orgs != null) {
                    edit(cookie, orgs, round);
                    pause();
                }
                if (survey == null) {
                    survey = template(cookie);
                }
                if (survey != null && System.nanoTime() < end) {
                    survey(cookie, survey, round);
                }
                pause();
            }
        }

        /** The CSRF token this clerk's browser holds: its cookie and the header of its writes (double submit). */
        static final String csrf = "bench" + Long.toHexString(new java.security.SecureRandom().nextLong());

        /**
         * Signs in with the login form as the page does: answered 429 (the check queue full), she
         * waits the Retry-After it names and sends the form again. Records the time from her arrival
         * to signed in.
         */
        String signIn() {
            String form = "csrf-token=" + csrf + "&j_username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r;
                while (true) {
                    signIns.attempts.incrementAndGet();
                    r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "liangxin-csrf=" + csrf)
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 429) {
                        break;
                    }
                    signIns.turnedAway.incrementAndGet();
                    long wait = r.headers().firstValueAsLong("retry-after").orElse(5);
                    Thread.sleep(Math.max(1, wait) * 1000L);
                }
                long t = System.nanoTime() - t0;
                String cookie = r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("liangxin-session="))
                        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElse(null);
                if (r.statusCode() != 303 || cookie == null) {
                    login.error("login " + r.statusCode() + " " + r.headers().firstValue("location").orElse(""));
                    return null;
                }
                login.ok(t);
                signIns.last.accumulateAndGet(System.nanoTime(), Math::max);
                return cookie + "; liangxin-csrf=" + csrf;
            } catch (Exception e) {
                login.error("login " + e);
                return null;
            }
        }

        String get(Action a, String cookie, String path, String accept) {
            return send(a, HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("Accept", accept).GET(), 200);
        }

        /** A write as the page's script sends it: the session cookie and the CSRF header. */
        HttpRequest.Builder write(String path, String cookie) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }

        String send(Action a, HttpRequest.Builder request, int expected) {
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                long t = System.nanoTime() - t0;
                if (r.statusCode() != expected) {
                    a.error(r.statusCode() + " " + r.body().replaceAll("\\s+", " "));
                    return null;
                }
                a.ok(t);
                return r.body();
            } catch (Exception e) {
                a.error(e.toString());
                return null;
            }
        }

        /** Corrects the headcount of one of the listed organizations, with the version just read. */
        void edit(String cookie, String orgs, int round) {
            Matcher items = Pattern.compile("\\{\"id\":(\\d+),\"countyCode\"").matcher(orgs);
            List<String> ids = new ArrayList<>();
            while (items.find()) {
                ids.add(items.group(1));
            }
            if (ids.isEmpty()) {
                return;
            }
            String id = ids.get(round % ids.size());
            String one = send(list, HttpRequest.newBuilder(URI.create(base + "/api/organizations/" + id)).header("Cookie", cookie)
                    .header("Accept", "application/json").GET(), 200);
            if (one == null) {
                return;
            }
            String body = input(one);
            send(put, write("/api/organizations/" + id, cookie)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body)), 200);
        }

        /** The view as an input: the input's fields only, headcount one more. */
        static String input(String view) {
            StringBuilder b = new StringBuilder("{");
            for (String field : List.of("name", "uscc", "kind", "townshipCode", "community", "address", "building", "industry",
                    "aboveScale", "status", "formalMembers", "probationaryMembers", "membersElsewhere", "activists",
                    "ownerIsMember", "ownerAttitude", "secretaryCandidate", "massOrganizations", "instructor", "plannedFormationOn",
                    "notPlannedReason", "responsible", "notes", "version")) {
                String v = value(view, field);
                if (v != null) {
                    b.append('"').append(field).append("\":").append(v).append(',');
                }
            }
            int headcount = Integer.parseInt(value(view, "headcount"));
            return b.append("\"headcount\":").append(headcount + 1).append('}').toString();
        }

        /** The raw JSON value of a top-level field of a flat object (strings, numbers, booleans, arrays of strings). */
        static String value(String json, String field) {
            Matcher m = Pattern.compile("\"" + field + "\":(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|[^,}]+)").matcher(json);
            return m.find() ? m.group(1) : null;
        }

        /**
         * The township's survey template (her organizations, with their registration numbers), cut
         * to its header and 200 rows, the township written as its code (names repeat across a
         * province).
         */
        List<String[]> template(String cookie) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/template.csv?township=" + township))
                        .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (r.statusCode() != 200) {
                    upload.error("template " + r.statusCode());
                    return null;
                }
                String[] lines = r.body().split("\r?\n");
                List<String[]> rows = new ArrayList<>();
                for (int i = 0; i < lines.length && rows.size() < 201; i++) {
                    String[] f = lines[i].split(",", -1);
                    if (i > 0 && f.length == 27) {
                        f[3] = township;
                    }
                    rows.add(f);
                }
                return rows;
            } catch (Exception e) {
                upload.error("template " + e);
                return null;
            }
        }

        /** The rows again, each with a note of this round: every row changes. */
        void survey(String cookie, List<String[]> rows, int round) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < rows.size(); i++) {
                String[] f = rows.get(i).clone();
                if (i > 0 && f.length == 27) {
                    f[25] = "摸底第" + round + "轮";
                }
                text.append(String.join(",", f)).append("\r\n");
            }
            byte[] csv = text.toString().getBytes(StandardCharsets.UTF_8);
            String boundary = "----deadline" + n + "x" + round;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"survey-" + township
                    + ".csv\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(csv);
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            String previewed = send(upload, write("/api/surveys/imports?limit=0", cookie)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 201);
            if (previewed == null) {
                return;
            }
            Matcher id = ID.matcher(previewed);
            if (!id.find()) {
                upload.error("no import id");
                return;
            }
            pause();
            get(preview, cookie, "/api/surveys/imports/" + id.group(1) + "?limit=50", "application/json");
            pause();
            if (send(commit, write("/api/surveys/imports/" + id.group(1) + "/commit", cookie).header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()), 200) != null) {
                done.incrementAndGet();
            }
        }

        void pause() {
            try {
                Thread.sleep(think / 2 + (long) (Math.random() * think));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long ns) {
        return ns / 1e6;
    }
}
