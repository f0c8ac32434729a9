package cn.liangxin.demo;

import cn.liangxin.annual.Freezes;
import cn.liangxin.division.County;
import cn.liangxin.security.Caller;
import cn.liangxin.time.Days;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import cn.liangxin.division.Divisions;
import cn.liangxin.division.Township;
import cn.liangxin.security.Role;
import cn.liangxin.security.Users;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the generated demo county into every county in scope whose registry is empty — on start
 * when configured, or on request — and never over real data.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    /** The same seed always gives the same county. */
    static final long SEED = 2009L;

    /** The seed of a county's demo: {@link #SEED} for 罗平县, one of its own for every other county. */
    static long seed(String county) {
        return DemoCounty.LUOPING.equals(county) ? SEED : SEED * 1_000_003L + Long.parseLong(county);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    @jakarta.inject.Inject
    Freezes freezes;
    @jakarta.inject.Inject
    CurrentIdentityAssociation identities;
    @jakarta.inject.Inject
    cn.liangxin.register.Registers registers;
    @jakarta.inject.Inject
    cn.liangxin.survey.Campaigns campaigns;

    private final AgroalDataSource dataSource;
    private final Divisions divisions;
    private final Users users;
    private final boolean loadOnStart;

    public DemoData(AgroalDataSource dataSource, Divisions divisions, Users users,
                    @ConfigProperty(name = "liangxin.demo.load-on-start", defaultValue = "false") boolean loadOnStart) {
        this.dataSource = dataSource;
        this.divisions = divisions;
        this.users = users;
        this.loadOnStart = loadOnStart;
    }

    void onStart(@Observes @Priority(5) StartupEvent event) {
        if (loadOnStart) {
            List<County> filled = new java.util.ArrayList<>();
            int loaded = loadWhereEmpty(divisions.counties(), filled);
            if (loaded > 0) {
                LOG.infof("Loaded the demo county: %d organizations", loaded);
                // accounts only with the first demo load: a later start never touches an account
                demoAccounts(filled);
            }
        }
    }

    /**
     * One account per role and one clerk per two townships of the counties just filled, each with a
     * random password printed once for whoever started the demo. An account that exists already is
     * left as it is (its password too).
     */
    void demoAccounts(List<County> filled) {
        StringBuilder table = new StringBuilder("Demo accounts (note the passwords: they are shown this once):");
        List<String> counties = filled.stream().map(County::code).toList();
        account(table, "demo-admin", EnumSet.of(Role.ADMIN), counties);
        account(table, "demo-county", EnumSet.of(Role.COUNTY), counties);
        List<String> townships = filled.stream().flatMap(c -> c.townships().stream()).map(Township::code).toList();
        for (int i = 0; i < townships.size(); i += 2) {
            account(table, String.format("demo-clerk%02d", i / 2 + 1), EnumSet.of(Role.TOWNSHIP_STAFF),
                    townships.subList(i, Math.min(i + 2, townships.size())));
        }
        LOG.info(table);
    }

    private void account(StringBuilder table, String username, Set<Role> roles, List<String> townships) {
        if (users.exists(username)) {
            table.append(String.format("%n  %-14s (exists already: unchanged)", username));
            return;
        }
        String password = password();
        users.ensure(username, password, roles, Set.copyOf(townships));
        table.append(String.format("%n  %-14s %-12s %-15s %s", username, password, roles.iterator().next(),
                String.join(",", townships)));
    }

    private static String password() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * Loads the demo, as of today, into each of these counties that has no organization yet (adding
     * those to {@code filled}); answers how many organizations were loaded.
     */
    public int loadWhereEmpty(List<County> counties, List<County> filled) {
        return loadWhereEmpty(counties, filled, Days.today());
    }

    /**
     * Loads the demo as it stands on {@code today} (its records dated before that day) into each of
     * these counties that has no organization yet, all of them or none: a county that cannot be
     * loaded leaves every county as it was, answered 409 DEMO_NOT_LOADED naming it. Then each ended
     * year's 年报 is frozen and this month's market register read, county by county.
     */
    int loadWhereEmpty(List<County> counties, List<County> filled, LocalDate today) {
        int loaded = 0;
        List<County> loading = new ArrayList<>();
        County current = null;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (County county : counties) {
                    current = county;
                    try (Statement lock = c.createStatement()) {
                        // two instances starting together must not both load
                        lock.execute("select pg_advisory_xact_lock(" + Long.parseLong(county.code()) + ")");
                    }
                    if (county.townships().isEmpty()) {
                        LOG.warnf("No demo for %s %s: the reference divisions list no township of it", county.code(), county.name());
                    } else if (empty(c, county.code())) {
                        long start = System.nanoTime();
                        DemoChronicle.Chronicle demo = DemoChronicle.generate(county.code(), county.name(),
                                county.townships().stream().map(t -> new DemoCounty.Township(t.code(), t.name())).toList(),
                                seed(county.code()), today);
                        loaded += DemoLoader.load(c, demo);
                        loading.add(county);
                        LOG.infof("Loaded the demo's years into %s in %d ms", county.code(), (System.nanoTime() - start) / 1_000_000);
                    }
                }
                c.commit();
            } catch (Throwable e) {
                // whatever is thrown, an Error too: returned to the pool open, the half-load would be committed
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "The demo could not be loaded into %s; every county is left as it was",
                    current == null ? "the deployment" : current.code());
            throw notLoaded("demo.notLoaded", current == null ? "" : current.name());
        }
        filled.addAll(loading);
        if (loading.isEmpty()) {
            return 0;
        }
        try {
            // the planner's statistics of tables just filled: the years' reports read the history
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("analyze organization, party_organization, party_organization_coverage, party_standard,"
                        + " organization_history, party_organization_history, party_organization_coverage_history,"
                        + " party_standard_history");
            }
            for (County county : loading) {
                current = county;
                freezeEndedYears(county.code(), today);
                importRegister(county, today);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "The demo of %s is loaded, but its ended years or its register are not", current.code());
            throw notLoaded("demo.partlyLoaded", current.name());
        }
        return loaded;
    }

    private static ApiException notLoaded(String key, String county) {
        return new ApiException(409, "DEMO_NOT_LOADED", Msg.t(key, county), List.of());
    }

    /**
     * The 年报 of every year of the demo that has ended, frozen as the county's 党工委 would have done
     * each January: by the caller of the request, or (on start) by the demo itself for the county.
     */
    void freezeEndedYears(String county, LocalDate today) {
        asCounty(county, () -> {
            long start = System.nanoTime();
            for (int year = DemoChronicle.BEGINS.getYear(); year < today.getYear(); year++) {
                try {
                    freezes.freeze(county, year);
                } catch (cn.liangxin.web.ApiException e) {
                    // a year the county froze before its registry was emptied stays as it was frozen
                    if (!"ALREADY_FROZEN".equals(e.code())) {
                        throw e;
                    }
                }
            }
            LOG.infof("Froze the demo's ended years of %s in %d ms", county, (System.nanoTime() - start) / 1_000_000);
        });
    }

    /**
     * Runs {@code work} in a request context as the county's 党工委: the caller of the request, or (on
     * start, when nobody is signed in) the demo itself for the county.
     */
    private void asCounty(String county, Runnable work) {
        ManagedContext requests = Arc.container().requestContext();
        boolean own = !requests.isActive();
        if (own) {
            requests.activate();
        }
        // a start-up observer may already run in a request context, with nobody signed in
        if (own || identities.getIdentity().isAnonymous()) {
            identities.setIdentity(Caller.internal("demo", Role.COUNTY, Set.of(county)));
        }
        try {
            work.run();
        } finally {
            if (own) {
                requests.terminate();
            }
        }
    }

    /**
     * This month's market register of the county, read as its 党工委 would read it (一个不能少): the
     * reconciliation board then has lines to survey, to close, to place and to confirm; and a
     * follow-up 摸底 campaign, open a month, in which the first three townships' unsurveyed lines are
     * listed, so that their templates show them.
     */
    void importRegister(County county, LocalDate today) {
        asCounty(county.code(), () -> {
            java.nio.file.Path file = null;
            try (Connection c = dataSource.getConnection()) {
                file = DemoRegister.write(c, county, java.nio.file.Files.createTempFile("demo-register", ".csv"), seed(county.code()));
                cn.liangxin.register.Registers.Import imp = registers.importFile(file, "市场监管名录.csv", "MARKET",
                        today.withDayOfMonth(1), county.code());
                // a follow-up 摸底 for what the register found, open a month; the first townships' lines listed in it
                cn.liangxin.survey.Campaign followUp = campaigns.create(new cn.liangxin.survey.CampaignInput(
                        today.getYear() + "年名录比对补充摸底", today, today.plusDays(30),
                        county.townships().stream().map(Township::code).toList()));
                for (Township t : county.townships().subList(0, Math.min(3, county.townships().size()))) {
                    registers.listInCampaign(imp.id(), t.code(), followUp.id());
                }
            } catch (SQLException | java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                if (file != null) {
                    file.toFile().delete();
                }
            }
        });
    }

    private static boolean empty(Connection c, String county) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select not exists (select 1 from organization where county_code = ?)"
                        + " and not exists (select 1 from party_organization where county_code = ?)")) {
            s.setString(1, county);
            s.setString(2, county);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }
}
