package cn.liangxin.ops;

import cn.liangxin.division.County;
import cn.liangxin.division.Divisions;
import cn.liangxin.rules.GapSql;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per county in scope: its blank spots (active organizations no party organization covers, counted
 * with the coverage report's own SQL predicates) and its active organizations, as gauges. One
 * grouped query refreshes them on a schedule ({@code liangxin.metrics.refresh}), so a scrape never
 * waits for the database. NaN until the first count.
 */
@ApplicationScoped
@Startup
public class RegistryGauges {

    static final String BLANK_SPOTS = "liangxin.blank.spots";
    static final String ORGANIZATIONS = "liangxin.organizations.active";

    private static final Logger LOG = Logger.getLogger(RegistryGauges.class);

    private static final String COUNT = "select o.county_code, count(*), count(*) filter (where " + GapSql.UNCOVERED + ")"
            + " from " + GapSql.FROM
            + " where o.county_code = any (?) and " + GapSql.ACTIVE
            + " group by o.county_code";

    private final AgroalDataSource dataSource;
    private final List<String> counties;
    private final Map<String, Double> blankSpots = new ConcurrentHashMap<>();
    private final Map<String, Double> organizations = new ConcurrentHashMap<>();

    public RegistryGauges(AgroalDataSource dataSource, Divisions divisions, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.counties = divisions.countyCodes();
        for (County c : divisions.counties()) {
            blankSpots.put(c.code(), Double.NaN);
            organizations.put(c.code(), Double.NaN);
            Gauge.builder(BLANK_SPOTS, blankSpots, m -> m.get(c.code()))
                    .description("Blank spots (active organizations without a covering party organization) of a county")
                    .tag("county", c.code()).register(registry);
            Gauge.builder(ORGANIZATIONS, organizations, m -> m.get(c.code()))
                    .description("Active (not closed) organizations of a county")
                    .tag("county", c.code()).register(registry);
        }
    }

    /** Counts again; a county without organizations reads 0. */
    @Scheduled(every = "${liangxin.metrics.refresh}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COUNT)) {
            s.setArray(1, c.createArrayOf("varchar", counties.toArray()));
            Map<String, long[]> counted = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counted.put(r.getString(1), new long[]{r.getLong(2), r.getLong(3)});
                }
            }
            for (String county : counties) {
                long[] n = counted.getOrDefault(county, new long[2]);
                organizations.put(county, (double) n[0]);
                blankSpots.put(county, (double) n[1]);
            }
        } catch (SQLException e) {
            // the gauges keep their last values; the health check reports the database itself
            LOG.warnf("could not count blank spots for the metrics: %s", e.getMessage());
        }
    }
}
