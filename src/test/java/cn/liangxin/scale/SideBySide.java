package cn.liangxin.scale;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The same requests against two services, each on its own database holding the same generated
 * province: one PostgreSQL, and a Citus cluster. Each line is measured on the one, then on the
 * other, with the speed guard's measurements (same accounts, placeholders, survey imports and
 * register uploads), and printed with the cluster's median as a ratio to the single node's.
 *
 * <p>A line of the lines file is {@code name | who | path | what it shows}; who and path as in
 * {@link SpeedGuard}, and {@code sql province}, {@code sql county} or {@code sql row} for the bare SQL
 * baselines on each database (what the database alone costs, without the service).
 *
 * <p>Usage: {@code SideBySide LINES RUNS COUNTY ADMIN PASSWORD REGISTERS BASE_1 JDBC_1 BASE_2 JDBC_2 DB_USER DB_PASSWORD}
 * (1: the single node, 2: the cluster; REGISTERS: the directory of the county registers).
 */
public final class SideBySide {

    private SideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int status = 2;
        try {
            if (args.length != 12) {
                System.err.println("usage: SideBySide LINES RUNS COUNTY ADMIN PASSWORD REGISTERS BASE_1 JDBC_1 BASE_2 JDBC_2 DB_USER DB_PASSWORD");
            } else {
                status = run(args);
            }
        } finally {
            System.exit(status);
        }
    }

    private static int run(String[] a) throws Exception {
        List<String[]> lines = SpeedGuard.lines(Path.of(a[0]), "name | who | path | what it shows");
        int runs = Integer.parseInt(a[1]);
        String county = a[2];
        try (Connection one = DriverManager.getConnection(a[7], a[10], a[11]);
             Connection many = DriverManager.getConnection(a[9], a[10], a[11])) {
            List<SpeedGuard> guards = new ArrayList<>();
            // both write the same organizations: the registries stay alike for the lines after
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (var c : List.of(List.of(a[6], one), List.of(a[8], many))) {
                Connection db = (Connection) c.get(1);
                try (Statement s = db.createStatement()) {
                    s.execute("set jit = off");
                }
                SpeedGuard g = new SpeedGuard((String) c.get(0), db, county, runs);
                g.fillValues();
                g.value("registers", a[5]);
                g.importRun(run);
                g.accounts(a[3], a[4]);
                guards.add(g);
            }
            // the prepared statements and the JIT of both services warmed by a first pass of the baselines
            for (SpeedGuard g : guards) {
                for (String warm : List.of("county", "row", "province")) {
                    g.baseline(warm);
                }
            }
            System.out.printf(Locale.ROOT, "County %s; %d runs per line; one node %s, cluster %s%n", county, runs, a[6], a[8]);
            List<String[]> table = new ArrayList<>();
            int failed = 0;
            for (String[] l : lines) {
                SpeedGuard.Timing[] t = new SpeedGuard.Timing[2];
                String error = null;
                try {
                    for (int i = 0; i < 2; i++) {
                        t[i] = l[2].startsWith("sql ") ? guards.get(i).baseline(l[2].substring(4).strip())
                                : guards.get(i).measure(new SpeedGuard.Budget(l[0], l[1], "-", Double.NaN, l[2], l[3]));
                    }
                } catch (Exception e) {
                    error = e.getMessage();
                    failed++;
                }
                table.add(new String[]{l[0], l[1], cell(t[0], true), cell(t[0], false), cell(t[1], true), cell(t[1], false),
                        t[0] == null || t[1] == null ? "-" : String.format(Locale.ROOT, "%.2f", t[1].p50() / t[0].p50()),
                        error == null ? l[3] : "FAILED: " + error});
            }
            SpeedGuard.print(new String[]{"line", "who", "one p50 ms", "one p95 ms", "cluster p50 ms", "cluster p95 ms",
                    "cluster / one", "what"}, table, 2, 7);
            return failed == 0 ? 0 : 1;
        }
    }

    private static String cell(SpeedGuard.Timing t, boolean median) {
        return t == null ? "-" : SpeedGuard.ms(median ? t.p50() : t.p95());
    }
}
