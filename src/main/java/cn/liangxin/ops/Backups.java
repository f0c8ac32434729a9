package cn.liangxin.ops;

import cn.liangxin.database.EmbeddedDatabase;
import cn.liangxin.time.Days;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backups of the embedded PostgreSQL, taken by the service itself with nothing but the server (the
 * bundled binaries have no pg_dump): a hot physical copy through PostgreSQL's non-exclusive backup
 * API. {@code pg_backup_start} on a connection that stays open, the data directory copied (without
 * its WAL and the files of the running server), {@code pg_backup_stop}, whose backup label goes
 * into the copy, then the WAL from the start to the stop of the backup: one {@code .tar.gz} in
 * {@code liangxin.backup.dir}, named by its Asia/Shanghai time. Restored by {@code ./run restore}
 * (see {@code cn.liangxin.database.Restore}), which lets the server replay that WAL.
 * <p>
 * Once a day at {@code liangxin.backup.at} (a missed time is caught up at the next check), keeping
 * the newest {@code liangxin.backup.keep}. With an external database ({@code DB_URL}) none of this
 * runs: that database is backed up with {@code deploy/backup.sh}.
 */
@ApplicationScoped
@Startup
@Named("backupStatus")
public class Backups {

    private static final Logger LOG = Logger.getLogger(Backups.class);

    static final String AGE = "liangxin.backup.age.seconds";
    /** After this long without a backup, administrators are warned on the overview. */
    static final Duration WARN_AFTER = Duration.ofDays(2);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Pattern NAME = Pattern.compile("liangxin-(\\d{8}-\\d{6})(?:-(\\d+))?\\.tar\\.gz");
    /** Relative paths left out of the copy: the running server's own files. */
    private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "backup_label.old", "tablespace_map", "tablespace_map.old");
    /** Directories copied empty: the WAL (copied after the stop) and what the server rebuilds at start. */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial",
            "pg_snapshots", "pg_stat_tmp", "pg_subtrans");

    /** A backup file: its name, size, and when it was taken. */
    public record Backup(String file, long bytes, OffsetDateTime createdAt) {
    }

    private final Optional<Path> data;
    private final Optional<Path> configuredDir;
    private final LocalTime at;
    private final int keep;
    private final boolean scheduled;
    private final AgroalDataSource dataSource;
    private final ReentrantLock running = new ReentrantLock();
    private volatile Clock clock = Clock.systemUTC();

    public Backups(@ConfigProperty(name = EmbeddedDatabase.DATA_DIR_KEY) Optional<String> dataDirectory,
                   @ConfigProperty(name = "liangxin.backup.dir") Optional<String> dir,
                   @ConfigProperty(name = "liangxin.backup.at", defaultValue = "02:00") LocalTime at,
                   @ConfigProperty(name = "liangxin.backup.keep", defaultValue = "14") int keep,
                   @ConfigProperty(name = "liangxin.backup.scheduled", defaultValue = "true") boolean scheduled,
                   AgroalDataSource dataSource, MeterRegistry registry) {
        this.data = dataDirectory.filter(s -> !s.isBlank()).map(Path::of);
        this.configuredDir = dir.filter(s -> !s.isBlank()).map(Path::of);
        this.at = at;
        this.keep = Math.max(1, keep);
        this.scheduled = scheduled;
        this.dataSource = dataSource;
        Gauge.builder(AGE, this, Backups::ageSeconds)
                .description("Seconds since the newest backup the service took of its embedded database (NaN: none)")
                .register(registry);
    }

    /** The clock the schedule, the names and the ages are read from (tests move it). */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Whether the service backs up its database itself (the embedded one). */
    public boolean embedded() {
        return data.isPresent();
    }

    /** Where the backups go: {@code liangxin.backup.dir}, else {@code backups} beside the data directory. */
    public Path directory() {
        return configuredDir.orElseGet(() -> data.map(d -> d.toAbsolutePath().getParent().resolve("backups"))
                .orElse(Path.of("backups"))).toAbsolutePath();
    }

    /** Every backup, newest first. */
    public List<Backup> list() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Backup> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Optional<OffsetDateTime> when = takenAt(f.getFileName().toString());
                if (when.isPresent() && Files.isRegularFile(f)) {
                    try {
                        out.add(new Backup(f.getFileName().toString(), Files.size(f), when.get()));
                    } catch (NoSuchFileException gone) {
                        // rotated away meanwhile
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list the backups in %s: %s", dir, e.getMessage());
        }
        out.sort(Comparator.comparing(Backup::createdAt).thenComparing(Backup::file).reversed());
        return out;
    }

    /** When the backup of this file name was taken, from its name; empty for any other file. */
    static Optional<OffsetDateTime> takenAt(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP).atZone(Days.ZONE).toOffsetDateTime());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Seconds since the newest backup; NaN when there is none. */
    double ageSeconds() {
        List<Backup> all = list();
        return all.isEmpty() ? Double.NaN
                : Math.max(0, Duration.between(all.get(0).createdAt().toInstant(), clock.instant()).toSeconds());
    }

    /** The overview's warning to an administrator: no backup, or none for two days; null when all is well. */
    public String warning() {
        if (!embedded()) {
            return null;
        }
        List<Backup> all = list();
        if (all.isEmpty()) {
            return Msg.t("backup.none", at.toString());
        }
        OffsetDateTime newest = all.get(0).createdAt();
        if (Duration.between(newest.toInstant(), clock.instant()).compareTo(WARN_AFTER) > 0) {
            return Msg.t("backup.old", SHOWN.format(newest.atZoneSameInstant(Days.ZONE)));
        }
        return null;
    }

    @Scheduled(every = "${liangxin.backup.check:60s}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (scheduled) {
            runIfDue(clock.instant());
        }
    }

    /**
     * Backs up when the last daily time ({@code liangxin.backup.at}, Asia/Shanghai) at or before
     * {@code now} has no backup taken at or after it; answers the backup taken, if any.
     */
    public Optional<Backup> runIfDue(Instant now) {
        if (!embedded()) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(Days.ZONE);
        ZonedDateTime slot = local.toLocalDate().atTime(at).atZone(Days.ZONE);
        if (local.isBefore(slot)) {
            slot = slot.minusDays(1);
        }
        List<Backup> all = list();
        if (!all.isEmpty() && !all.get(0).createdAt().toInstant().isBefore(slot.toInstant())) {
            return Optional.empty();
        }
        try {
            Backup b = take(now);
            LOG.infof("Daily backup written: %s (%d bytes)", b.file(), b.bytes());
            return Optional.of(b);
        } catch (RuntimeException e) {
            LOG.errorf("The daily backup failed: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** Takes a backup now (the API's). */
    public Backup take() {
        return take(clock.instant());
    }

    /** Takes a backup named by {@code now}, then keeps only the newest {@code liangxin.backup.keep}. */
    public Backup take(Instant now) {
        if (!embedded()) {
            throw ApiException.conflict("BACKUP_NOT_EMBEDDED", Msg.t("backup.external"));
        }
        if (!running.tryLock()) {
            throw ApiException.conflict("BACKUP_RUNNING", Msg.t("backup.running"));
        }
        try {
            Path dir = directory();
            // a backup holds the password hashes and the database's own password: for the owner only
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            String stamp = STAMP.format(now.atZone(Days.ZONE));
            String name = "liangxin-" + stamp + ".tar.gz";
            for (int n = 2; Files.exists(dir.resolve(name)); n++) {
                name = "liangxin-" + stamp + "-" + n + ".tar.gz";
            }
            Path file = dir.resolve(name);
            Path partial = dir.resolve(name + ".partial");
            long started = System.nanoTime();
            try {
                write(partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            long bytes = Files.size(file);
            LOG.infof("Backup %s written: %d bytes in %d ms", file, bytes, (System.nanoTime() - started) / 1_000_000);
            rotate();
            return new Backup(name, bytes, takenAt(name).orElseThrow());
        } catch (IOException | SQLException e) {
            LOG.errorf("Backup failed: %s", e.getMessage());
            throw new ApiException(500, "BACKUP_FAILED", Msg.t("backup.failed", e.getMessage()), List.of());
        } finally {
            running.unlock();
        }
    }

    /** Removes all but the newest {@code keep} backups. */
    void rotate() {
        List<Backup> all = list();
        for (Backup old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(directory().resolve(old.file()));
                LOG.infof("Old backup removed: %s", old.file());
            } catch (IOException e) {
                LOG.warnf("cannot remove the old backup %s: %s", old.file(), e.getMessage());
            }
        }
    }

    /** The hot physical copy into {@code target}. */
    private void write(Path target) throws IOException, SQLException {
        Files.deleteIfExists(target);
        Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Path pgData = Path.of(one(c, "show data_directory"));
            String startWal;
            try (PreparedStatement s = c.prepareStatement("select pg_walfile_name(pg_backup_start(?, true))")) {
                s.setString(1, "liangxin " + target.getFileName());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    startWal = r.getString(1);
                }
            }
            boolean stopped = false;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                 GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                copyDataDirectory(pgData, tar);
                String label;
                String map;
                String stopWal;
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("select labelfile, spcmapfile, pg_walfile_name(lsn) from pg_backup_stop(false)")) {
                    r.next();
                    label = r.getString(1);
                    map = r.getString(2);
                    stopWal = r.getString(3);
                }
                stopped = true;
                add(tar, "backup_label", label.getBytes(StandardCharsets.UTF_8));
                if (map != null && !map.isEmpty()) {
                    add(tar, "tablespace_map", map.getBytes(StandardCharsets.UTF_8));
                }
                copyWal(pgData, startWal, stopWal, tar);
                tar.finish();
            } finally {
                if (!stopped) {
                    // closing the connection would end the backup too; say so at once
                    try (Statement s = c.createStatement()) {
                        s.execute("select pg_backup_stop(false)");
                    } catch (SQLException ignored) {
                        // the connection is gone, and with it the backup
                    }
                }
            }
        }
    }

    private void copyDataDirectory(Path pgData, TarArchiveOutputStream tar) throws IOException {
        Path backups = directory();
        Files.walkFileTree(pgData, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.toAbsolutePath().startsWith(backups)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String rel = pgData.relativize(dir).toString();
                if (!rel.isEmpty()) {
                    TarArchiveEntry e = new TarArchiveEntry(dir.toFile(), rel);
                    e.setMode(040700);
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                }
                if (EMPTIED.contains(rel)) {
                    if (rel.equals("pg_wal")) {
                        TarArchiveEntry status = new TarArchiveEntry("pg_wal/archive_status/");
                        status.setMode(040700);
                        tar.putArchiveEntry(status);
                        tar.closeArchiveEntry();
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String rel = pgData.relativize(f).toString();
                if (attrs.isRegularFile() && !SKIPPED_FILES.contains(rel) && !f.getFileName().toString().startsWith("pgsql_tmp")) {
                    copy(f, rel, tar);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // dropped by the server meanwhile: the WAL replays that
                }
                throw e;
            }
        });
    }

    /** The WAL segments from the one holding the start of the backup to the one holding its end. */
    private static void copyWal(Path pgData, String first, String last, TarArchiveOutputStream tar) throws IOException {
        Path wal = pgData.resolve("pg_wal");
        List<String> names = new ArrayList<>();
        try (var files = Files.list(wal)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[0-9A-F]{24}") && n.compareTo(first) >= 0 && n.compareTo(last) <= 0)
                    .sorted().forEach(names::add);
        }
        if (names.isEmpty() || !names.get(0).equals(first) || !names.get(names.size() - 1).equals(last)) {
            throw new IOException("the WAL of the backup (" + first + " to " + last + ") is no longer all in " + wal);
        }
        for (String n : names) {
            copy(wal.resolve(n), "pg_wal/" + n, tar);
        }
    }

    /**
     * One file into the archive with the size it has when opened: a file the server extends or
     * truncates meanwhile is cut or padded with zeros (the WAL replay puts it right).
     */
    private static void copy(Path f, String name, TarArchiveOutputStream tar) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(f);
        } catch (NoSuchFileException gone) {
            return;
        }
        try (in) {
            long size = Files.size(f);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(size);
            e.setMode(0100600);
            tar.putArchiveEntry(e);
            byte[] buffer = new byte[1 << 16];
            long left = size;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                tar.write(buffer, 0, n);
                left -= n;
            }
            java.util.Arrays.fill(buffer, (byte) 0);
            while (left > 0) {
                int z = (int) Math.min(buffer.length, left);
                tar.write(buffer, 0, z);
                left -= z;
            }
            tar.closeArchiveEntry();
        } catch (NoSuchFileException gone) {
            // removed between open and size: nothing written for it
        }
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(0100600);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
