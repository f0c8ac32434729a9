package cn.liangxin.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Fresh registry ids for writers that bypass the ORM, one value of the shared sequence each. The
 * sequence steps by 50 for Hibernate's pooled optimizers, which own a block next to each value they
 * fetch; a value fetched here lies in no such block, so these ids never collide with ids Hibernate
 * hands out, whichever optimizer it uses.
 */
public final class RegistryIds {

    private RegistryIds() {
    }

    /** {@code count} fresh ids, in one round trip. */
    public static long[] take(Connection c, int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("select nextval('registry_id_seq') from generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < count && rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }
}
