package cn.liangxin.survey;

import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.organization.Status;
import cn.liangxin.organization.Uscc;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps previews in PostgreSQL and applies them. A preview's rows go in with one {@code COPY}, each
 * accepted row with the registry values it will write; a commit is then set-based SQL inside the
 * caller's transaction ({@code INSERT … SELECT} for new rows, {@code UPDATE … FROM} for changed ones
 * guarded by the versions seen at preview), so it is all rows or none.
 */
@ApplicationScoped
public class SurveyWriter {

    private static final TypeReference<List<ImportPreview.Change>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<CellProblem>> PROBLEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** The organization columns a preview row carries, in the registry's names. */
    private static final String ORG_COLUMNS = "township_code, name, uscc, kind, sector, community, address, building,"
            + " industry, above_scale, status, headcount, formal_members, probationary_members, members_elsewhere,"
            + " activists, owner_is_member, owner_attitude, secretary_candidate, mass_organizations, instructor,"
            + " planned_formation_on, not_planned_reason, responsible, notes";
    /** The same columns in the preview row (where the row's own name and status are taken). */
    private static final String ROW_COLUMNS = ORG_COLUMNS.replace(" name,", " org_name,").replace(" status,", " org_status,");

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public SurveyWriter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Starts keeping a preview: its header now, its rows streamed by {@link Sink#add}. It is the
     * account's ({@code userId}); {@code user} is the account's name as shown.
     */
    Sink open(String county, Long campaignId, String fileName, String format, String user, Long userId) {
        try {
            Connection c = dataSource.getConnection();
            try {
                long id;
                try (PreparedStatement s = c.prepareStatement("select nextval('survey_import_id_seq')");
                     ResultSet r = s.executeQuery()) {
                    r.next();
                    id = r.getLong(1);
                }
                try (PreparedStatement s = c.prepareStatement("insert into survey_import (county_code, id, file_name, format,"
                        + " status, uploaded_by, uploaded_by_id, summary, unknown_columns, campaign_id)"
                        + " values (?, ?, ?, ?, 'PREVIEW', ?, ?, '{}'::jsonb, '[]'::jsonb, ?)")) {
                    s.setString(1, county);
                    s.setLong(2, id);
                    s.setString(3, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
                    s.setString(4, format);
                    s.setString(5, user);
                    if (userId == null) s.setNull(6, java.sql.Types.BIGINT); else s.setLong(6, userId);
                    if (campaignId == null) s.setNull(7, java.sql.Types.BIGINT); else s.setLong(7, campaignId);
                    s.executeUpdate();
                }
                return new Sink(c, county, id);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps a stored preview anew, under its id: its rows are dropped, to be streamed again by
     * {@link Sink#add}, and it counts as previewed now. Inside the caller's transaction.
     */
    Sink reopen(String county, long id, Long campaignId) {
        try {
            Connection c = dataSource.getConnection();
            try {
                try (PreparedStatement s = c.prepareStatement("delete from survey_import_row where county_code = ? and import_id = ?")) {
                    s.setString(1, county);
                    s.setLong(2, id);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("update survey_import set uploaded_at = now(), summary = '{}'::jsonb,"
                        + " unknown_columns = '[]'::jsonb, campaign_id = ? where county_code = ? and id = ? and status = 'PREVIEW'")) {
                    s.setObject(1, campaignId, java.sql.Types.BIGINT);
                    s.setString(2, county);
                    s.setLong(3, id);
                    if (s.executeUpdate() != 1) {
                        throw ApiException.conflict("ALREADY_COMMITTED", Msg.t("survey.import.committed", id));
                    }
                }
                return new Sink(c, county, id);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of one preview on their way into the database. */
    final class Sink implements AutoCloseable {

        private final Connection c;
        private final String county;
        private final long id;
        private final String prefix;
        private PGCopyOutputStream copy;
        private Writer out;

        private Sink(Connection c, String county, long id) throws SQLException {
            this.c = c;
            this.county = county;
            this.id = id;
            this.prefix = county + "\t" + id + "\t";
            this.copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "copy survey_import_row (county_code, import_id,"
                    + " seq, row_number, sheet, status, organization_id, expected_version, name, changes, errors, warnings,"
                    + " party_status, party_name, " + ROW_COLUMNS + ") from stdin", 1 << 16);
            this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
        }

        long id() {
            return id;
        }

        /**
         * One row; {@code values} (for NEW and CHANGED rows) is what the registry will hold after the
         * commit, and {@code version} the version of the matched organization seen now.
         */
        void add(int seq, ImportPreview.Row row, Integer version, OrganizationInput values, PartyStatus party, String partyName) {
            try {
                out.write(prefix);
                out.write(Integer.toString(seq));
                field(row.row());
                field(row.sheet());
                field(row.status());
                field(row.organizationId());
                field(version);
                field(row.name() == null ? null : row.name().substring(0, Math.min(1000, row.name().length())));
                field(write(row.changes()));
                field(write(row.errors()));
                field(write(row.warnings()));
                if (values == null) {
                    for (int i = 0; i < 27; i++) field(null);
                } else {
                    field(party == null ? null : party.name());
                    field(partyName);
                    values(values);
                }
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The 25 organization columns, as {@link #ROW_COLUMNS} orders them. */
        private void values(OrganizationInput in) throws IOException {
            field(in.townshipCode());
            field(in.name().strip());
            field(Uscc.normalize(in.uscc()));
            field(in.kind().name());
            field(in.kind().sector().name());
            field(in.community());
            field(in.address());
            field(in.building());
            field(in.industry());
            field(Boolean.TRUE.equals(in.aboveScale()));
            field((in.status() == null ? Status.OPERATING : in.status()).name());
            field(in.headcount());
            field(in.formalMembers());
            field(zero(in.probationaryMembers()));
            field(zero(in.membersElsewhere()));
            field(zero(in.activists()));
            field(Boolean.TRUE.equals(in.ownerIsMember()));
            field(in.ownerAttitude() == null ? null : in.ownerAttitude().name());
            field(Boolean.TRUE.equals(in.secretaryCandidate()));
            field(in.massOrganizations() == null || in.massOrganizations().isEmpty() ? ""
                    : EnumSet.copyOf(in.massOrganizations()).stream().map(Enum::name).collect(Collectors.joining(",")));
            field(in.instructor());
            field(in.plannedFormationOn());
            field(in.notPlannedReason());
            field(in.responsible());
            field(in.notes());
        }

        /** A tab, then the value in COPY's text format. */
        private void field(Object v) throws IOException {
            out.write('\t');
            cn.liangxin.database.CopyText.value(out, v);
        }

        /**
         * Ends the rows; rejects those that a look at the whole file found wrong (given by position),
         * reserves the new rows' registry ids and stores the summary.
         */
        ImportPreview.Summary finish(Map<Integer, List<CellProblem>> late, List<String> unknownColumns) {
            try {
                endRows();
                if (!late.isEmpty()) {
                    reject(late);
                }
                ImportPreview.Summary summary = summary();
                try (PreparedStatement s = c.prepareStatement("update survey_import set summary = ?::jsonb,"
                        + " unknown_columns = ?::jsonb where county_code = ? and id = ?")) {
                    s.setString(1, write(summary));
                    s.setString(2, write(unknownColumns));
                    s.setString(3, county);
                    s.setLong(4, id);
                    s.executeUpdate();
                }
                return summary;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Which of these USCCs some organization of the county already has (a code is unique within a
         * county; another county's registry is none of this upload's business).
         */
        Set<String> registered(String county, Collection<String> usccs) {
            Set<String> found = new HashSet<>();
            if (usccs.isEmpty()) {
                return found;
            }
            try (PreparedStatement s = c.prepareStatement("select uscc from organization where county_code = ? and uscc = any(?)")) {
                s.setString(1, county);
                s.setArray(2, c.createArrayOf("varchar", usccs.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) found.add(r.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return found;
        }

        /** Ends the COPY now (the rows need a look first) without finishing the preview. */
        void endRows() {
            try {
                if (out != null) {
                    out.close();
                    out = null;
                    copy = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void reject(Map<Integer, List<CellProblem>> late) throws SQLException {
            Map<Integer, String> errors = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("select seq, errors::text from survey_import_row"
                    + " where county_code = ? and import_id = ? and seq = any(?)")) {
                s.setString(1, county);
                s.setLong(2, id);
                s.setArray(3, c.createArrayOf("integer", late.keySet().toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        List<CellProblem> all = new ArrayList<>(json.readValue(r.getString(2), PROBLEMS));
                        all.addAll(late.get(r.getInt(1)));
                        errors.put(r.getInt(1), write(all));
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            try (PreparedStatement s = c.prepareStatement("update survey_import_row set status = 'REJECTED', errors = ?::jsonb,"
                    + " changes = '[]', party_status = null, party_name = null, reserved_id = null where county_code = ? and import_id = ? and seq = ?")) {
                for (Map.Entry<Integer, String> e : errors.entrySet()) {
                    s.setString(1, e.getValue());
                    s.setString(2, county);
                    s.setLong(3, id);
                    s.setInt(4, e.getKey());
                    s.addBatch();
                }
                s.executeBatch();
            }
        }

        private ImportPreview.Summary summary() throws SQLException {
            Map<String, Integer> by = new HashMap<>();
            int rows = 0;
            int warned = 0;
            try (PreparedStatement s = c.prepareStatement("select status, count(*), count(*) filter (where warnings <> '[]')"
                    + " from survey_import_row where county_code = ? and import_id = ? group by status")) {
                s.setString(1, county);
                s.setLong(2, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        by.put(r.getString(1), r.getInt(2));
                        rows += r.getInt(2);
                        warned += r.getInt(3);
                    }
                }
            }
            return new ImportPreview.Summary(rows, by.getOrDefault("NEW", 0), by.getOrDefault("CHANGED", 0),
                    by.getOrDefault("UNCHANGED", 0), by.getOrDefault("REJECTED", 0), warned);
        }

        @Override
        public void close() {
            try {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException e) {
                // the transaction is being rolled back anyway
            } finally {
                try {
                    c.close();
                } catch (SQLException e) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * A stored preview with a page of its rows ({@code page} null: the summary only), if the caller
     * may see it ({@code sees} of its county and its uploader's account id), or 404.
     */
    ImportPreview load(long id, java.util.function.BiPredicate<String, Long> sees, ImportPreview.RowPage page) {
        try (Connection c = dataSource.getConnection()) {
            String file;
            String format;
            String status;
            String county;
            ImportPreview.Summary summary;
            List<String> unknown;
            Timestamp committedAt;
            try (PreparedStatement s = c.prepareStatement("select county_code, file_name, format, status, summary::text,"
                    + " unknown_columns::text, uploaded_by_id, committed_at from survey_import where id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || !sees.test(r.getString(1), r.getObject(7, Long.class))) {
                        throw ApiException.notFound(Msg.t("survey.import.what", id));
                    }
                    county = r.getString(1);
                    file = r.getString(2);
                    format = r.getString(3);
                    status = r.getString(4);
                    summary = json.readValue(r.getString(5), ImportPreview.Summary.class);
                    unknown = json.readValue(r.getString(6), STRINGS);
                    committedAt = r.getTimestamp(8);
                }
            }
            List<ImportPreview.Row> rows = null;
            ImportPreview.RowPage answered = null;
            if (page != null) {
                rows = new ArrayList<>();
                String where = (page.status() == null ? "" : " and status = ?") + (page.warned() ? " and warnings <> '[]'" : "");
                try (PreparedStatement s = c.prepareStatement("select sheet, row_number, status,"
                        + " coalesce(organization_id, case when ? and status = 'NEW' then reserved_id end), name, changes::text, errors::text, warnings::text from survey_import_row"
                        + " where county_code = ? and import_id = ?" + where + " order by seq offset ? limit ?")) {
                    int k = 1;
                    s.setBoolean(k++, "COMMITTED".equals(status));
                    s.setString(k++, county);
                    s.setLong(k++, id);
                    if (page.status() != null) s.setString(k++, page.status());
                    s.setInt(k++, page.offset());
                    s.setInt(k, page.limit());
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            long org = r.getLong(4);
                            rows.add(new ImportPreview.Row(r.getString(1), r.getInt(2), r.getString(3),
                                    r.wasNull() ? null : org, r.getString(5), json.readValue(r.getString(6), CHANGES),
                                    json.readValue(r.getString(7), PROBLEMS), json.readValue(r.getString(8), PROBLEMS)));
                        }
                    }
                }
                answered = new ImportPreview.RowPage(page.status(), page.warned(), page.offset(), page.limit(),
                        matching(c, county, id, summary, page));
            }
            return new ImportPreview(id, county, file, format, status, summary, unknown, rows, answered,
                    committedAt == null ? null : committedAt.toInstant());
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int matching(Connection c, String county, long id, ImportPreview.Summary summary,
                                ImportPreview.RowPage page) throws SQLException {
        if (!page.warned()) {
            return page.status() == null ? summary.rows() : switch (RowStatus.valueOf(page.status())) {
                case NEW -> summary.created();
                case CHANGED -> summary.changed();
                case UNCHANGED -> summary.unchanged();
                case REJECTED -> summary.rejected();
            };
        }
        if (page.status() == null) {
            return summary.warnings();
        }
        try (PreparedStatement s = c.prepareStatement("select count(*) from survey_import_row where county_code = ?"
                + " and import_id = ? and status = ? and warnings <> '[]'")) {
            s.setString(1, county);
            s.setLong(2, id);
            s.setString(3, page.status());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * A preview waiting for its commit, as the list of pending previews shows it: {@code uploadedBy}
     * is the uploader's account as it is called now, {@code uploaderId} that account (null for one
     * kept from before accounts were told apart by id, whose name no account bore any more).
     */
    public record Pending(long id, String countyCode, String fileName, String format, String uploadedBy,
                          java.time.Instant uploadedAt, Long campaignId, ImportPreview.Summary summary,
                          @com.fasterxml.jackson.annotation.JsonIgnore Long uploaderId) {

        /** When it was uploaded, to the minute in the counties' time. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String uploadedAtText() {
            return cn.liangxin.time.Days.minute(uploadedAt);
        }
    }

    /**
     * The previews of these counties not committed and younger than {@code maxAge}, newest first: all
     * of the counties in {@code managed}, and the account's own elsewhere (the last 200).
     */
    List<Pending> pending(List<String> counties, List<String> managed, Long accountId, java.time.Duration maxAge) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select i.id, i.county_code, i.file_name,"
                     + " coalesce(u.username, i.uploaded_by), i.uploaded_at, i.campaign_id, i.summary::text, i.format,"
                     + " i.uploaded_by_id from survey_import i left join app_user u on u.id = i.uploaded_by_id"
                     + " where i.county_code = any(?) and i.status = 'PREVIEW'"
                     + " and (i.county_code = any(?) or i.uploaded_by_id = ?)"
                     + " and i.uploaded_at > now() - ? * interval '1 second' order by i.uploaded_at desc, i.id desc limit 200")) {
            s.setArray(1, c.createArrayOf("varchar", counties.toArray()));
            s.setArray(2, c.createArrayOf("varchar", managed.toArray()));
            s.setObject(3, accountId, java.sql.Types.BIGINT);
            s.setLong(4, maxAge.toSeconds());
            List<Pending> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Pending(r.getLong(1), r.getString(2), r.getString(3), r.getString(8), r.getString(4),
                            r.getTimestamp(5).toInstant(), r.getObject(6, Long.class),
                            json.readValue(r.getString(7), ImportPreview.Summary.class), r.getObject(9, Long.class)));
                }
            }
            return out;
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first results of these device ids that the account (by its id) sent before, by id. */
    Map<String, SurveyImports.EntryResult> entries(long accountId, List<String> clientIds) {
        Map<String, SurveyImports.EntryResult> out = new HashMap<>();
        if (clientIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select client_id, import_id, row_number from survey_entry"
                     + " where account_id = ? and client_id = any(?)")) {
            s.setLong(1, accountId);
            s.setArray(2, c.createArrayOf("varchar", clientIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new SurveyImports.EntryResult(r.getString(1), r.getLong(2), r.getInt(3), true));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the device ids of a preview's rows (row number by id), so that a repeat by the account is known. */
    void keepEntries(String account, long accountId, long importId, Map<String, Integer> rowByClientId) {
        if (rowByClientId.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("insert into survey_entry (account, account_id, client_id, county_code,"
                     + " import_id, row_number) select ?, ?, x.client_id, i.county_code, i.id, x.row_number from survey_import i,"
                     + " unnest(?::varchar[], ?::integer[]) x(client_id, row_number) where i.id = ?")) {
            s.setString(1, account);
            s.setLong(2, accountId);
            s.setArray(3, c.createArrayOf("varchar", rowByClientId.keySet().toArray()));
            s.setArray(4, c.createArrayOf("integer", rowByClientId.values().toArray()));
            s.setLong(5, importId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Holds, until the caller's transaction ends, the account's field entries of one county: two
     * forms sent at once by the same account join its open preview one after the other.
     */
    void lockEntries(String county, long accountId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            s.setInt(1, Integer.parseInt(county));
            s.setInt(2, Long.hashCode(accountId));
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An entry the account sent before to this county by the id its device gave it: the preview it is
     * in, its row there (for one a later form replaced, that form's row), the preview's status,
     * whether its answers are kept, and when the preview was last read; null when never sent (or when
     * its preview was discarded).
     */
    record Sent(long importId, int row, String importStatus, boolean replaced, boolean kept, java.time.Instant previewedAt) {
    }

    Sent sent(String county, long accountId, String clientId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select e.import_id, coalesce(n.row_number, e.row_number), i.status,"
                     + " e.replaced_by is not null, e.answers is not null, i.uploaded_at from survey_entry e"
                     + " join survey_import i on i.county_code = e.county_code and i.id = e.import_id"
                     + " left join survey_entry n on n.county_code = e.county_code and n.account_id = e.account_id"
                     + " and n.client_id = e.replaced_by"
                     + " where e.county_code = ? and e.account_id = ? and e.client_id = ?")) {
            s.setString(1, county);
            s.setLong(2, accountId);
            s.setString(3, clientId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new Sent(r.getLong(1), r.getInt(2), r.getString(3), r.getBoolean(4), r.getBoolean(5),
                        r.getTimestamp(6).toInstant()) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets an entry sent before (its preview is no longer open), so that it may be read anew. */
    void forget(String county, long accountId, String clientId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from survey_entry where county_code = ? and account_id = ? and client_id = ?")) {
            s.setString(1, county);
            s.setLong(2, accountId);
            s.setString(3, clientId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The account's open preview of {@code format} in the county under the campaign (none: null):
     * not committed, younger than {@code maxAge}, and made of entries whose answers are kept (a
     * preview of a single form from before batches were kept is not joined). Locked for the
     * caller's transaction.
     */
    Long openBatch(String county, long accountId, String format, Long campaignId, java.time.Duration maxAge) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select i.id from survey_import i where i.county_code = ?"
                     + " and i.uploaded_by_id = ? and i.format = ? and i.status = 'PREVIEW' and i.campaign_id is not distinct from ?"
                     + " and i.uploaded_at > now() - ? * interval '1 second'"
                     + " and exists (select 1 from survey_entry e where e.county_code = i.county_code and e.import_id = i.id)"
                     + " and not exists (select 1 from survey_entry e where e.county_code = i.county_code and e.import_id = i.id"
                     + " and e.answers is null and e.replaced_by is null)"
                     + " order by i.uploaded_at desc, i.id desc limit 1 for update")) {
            s.setString(1, county);
            s.setLong(2, accountId);
            s.setString(3, format);
            s.setObject(4, campaignId, java.sql.Types.BIGINT);
            s.setLong(5, maxAge.toSeconds());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An entry of an open preview with the answers it was sent with (by column key) and its registry organization. */
    record Kept(String clientId, Map<String, String> values, Long registryId) {
    }

    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {
    };
    private static final String REGISTRY_KEY = "#registryId";

    /** The entries of a preview whose answers are kept, in the order they first came. */
    List<Kept> kept(String county, long importId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select client_id, answers::text from survey_entry where county_code = ?"
                     + " and import_id = ? and answers is not null order by received_at, row_number, client_id")) {
            s.setString(1, county);
            s.setLong(2, importId);
            List<Kept> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, String> values = new HashMap<>(json.readValue(r.getString(2), ANSWERS));
                    String registry = values.remove(REGISTRY_KEY);
                    out.add(new Kept(r.getString(1), Map.copyOf(values), registry == null ? null : Long.valueOf(registry)));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Keeps the entries of a preview read anew: each (in {@code entries}) with its answers and its
     * row now; {@code replaced}, the earlier forms about an organization a later one ({@code by})
     * names, keep no answers and point to that one.
     */
    void keepBatch(String county, String account, long accountId, long importId, List<Kept> entries,
                   Map<String, Integer> rowOf, java.util.Set<String> replaced, String by) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("insert into survey_entry (account, account_id, client_id, county_code,"
                    + " import_id, row_number, answers) values (?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (county_code, account_id, client_id)"
                    + " do update set import_id = excluded.import_id, row_number = excluded.row_number, answers = excluded.answers,"
                    + " replaced_by = null")) {
                for (Kept k : entries) {
                    Map<String, String> answers = new HashMap<>(k.values());
                    if (k.registryId() != null) {
                        answers.put(REGISTRY_KEY, String.valueOf(k.registryId()));
                    }
                    s.setString(1, account);
                    s.setLong(2, accountId);
                    s.setString(3, k.clientId());
                    s.setString(4, county);
                    s.setLong(5, importId);
                    s.setInt(6, rowOf.get(k.clientId()));
                    s.setString(7, json.writeValueAsString(answers));
                    s.addBatch();
                }
                s.executeBatch();
            }
            if (!replaced.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("update survey_entry set answers = null, replaced_by = ?,"
                        + " row_number = ? where county_code = ? and account_id = ? and import_id = ?"
                        + " and (client_id = any(?) or replaced_by = any(?))")) {
                    java.sql.Array gone = c.createArrayOf("varchar", replaced.toArray());
                    s.setString(1, by);
                    s.setInt(2, rowOf.get(by));
                    s.setString(3, county);
                    s.setLong(4, accountId);
                    s.setLong(5, importId);
                    s.setArray(6, gone);
                    s.setArray(7, gone);
                    s.executeUpdate();
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row of a preview: its status and errors; null when the preview has no such row. */
    record RowCheck(String status, List<CellProblem> errors) {
    }

    RowCheck row(String county, long importId, int rowNumber) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select status, errors::text from survey_import_row"
                     + " where county_code = ? and import_id = ? and row_number = ?")) {
            s.setString(1, county);
            s.setLong(2, importId);
            s.setInt(3, rowNumber);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? new RowCheck(r.getString(1), json.readValue(r.getString(2), PROBLEMS)) : null;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row numbers a preview of the county holds. */
    Set<Integer> rowNumbers(String county, long importId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select row_number from survey_import_row where county_code = ? and import_id = ?")) {
            s.setString(1, county);
            s.setLong(2, importId);
            Set<Integer> out = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getInt(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row numbers a preview holds. */
    Set<Integer> rowNumbers(long importId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select row_number from survey_import_row where import_id = ?")) {
            s.setLong(1, importId);
            Set<Integer> out = new HashSet<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getInt(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a preview not committed (its rows go with it); answers whether there was one. */
    boolean discard(long id, String county) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from survey_import where county_code = ? and id = ? and status = 'PREVIEW'")) {
            s.setString(1, county);
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies the accepted rows of a preview. Must run inside the caller's transaction. Refused when
     * the preview is older than {@code maxAge}, or when a row lies outside what the committer holds
     * now ({@code part}); column 20 names only party organizations within {@code part}.
     */
    void commit(long id, String county, String user, cn.liangxin.security.Scope.Part part, java.time.Duration maxAge) {
        try (Connection c = dataSource.getConnection()) {
            ImportPreview.Summary summary;
            boolean form;
            try (PreparedStatement s = c.prepareStatement(
                    "select status, summary::text, uploaded_at, format from survey_import where county_code = ? and id = ? for update")) {
                s.setString(1, county);
                s.setLong(2, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ApiException.notFound(Msg.t("survey.import.what", id));
                    }
                    if (!"PREVIEW".equals(r.getString(1))) {
                        throw ApiException.conflict("ALREADY_COMMITTED", Msg.t("survey.import.committed", id));
                    }
                    summary = json.readValue(r.getString(2), ImportPreview.Summary.class);
                    form = "FORM".equals(r.getString(4));
                    if (r.getTimestamp(3).toInstant().plus(maxAge).isBefore(java.time.Instant.now())) {
                        throw new ApiException(410, "PREVIEW_EXPIRED", Msg.t("survey.import.expired", id, maxAge.toHours()), List.of());
                    }
                }
            }
            // the uploader may have lost a township since the preview: every row must still be hers
            try (PreparedStatement s = c.prepareStatement("select count(*) from survey_import_row r where r.county_code = ?"
                    + " and r.import_id = ? and r.status in ('NEW', 'CHANGED') and not (" + part.jdbc("r") + ")")) {
                s.setString(1, county);
                s.setLong(2, id);
                part.bind(s, 3);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        throw new ApiException(403, "OUT_OF_SCOPE", Msg.t("survey.import.outOfScope", r.getLong(1)), List.of());
                    }
                }
            }
            // an entry of the phone form is the form's, a file's row names its import and row
            String via = form ? "'FORM'" : "'IMPORT ' || r.import_id || ' ROW ' || r.row_number";
            try (PreparedStatement s = c.prepareStatement("insert into organization (county_code, id, " + ORG_COLUMNS
                    + ", created_by, updated_by, updated_via) select r.county_code, r.reserved_id, "
                    + prefixed(ROW_COLUMNS) + ", ?, ?, " + via + " from survey_import_row r"
                    + " where r.county_code = ? and r.import_id = ? and r.status = 'NEW'")) {
                s.setString(1, user);
                s.setString(2, user);
                s.setString(3, county);
                s.setLong(4, id);
                s.executeUpdate();
            }
            String[] orgCols = ORG_COLUMNS.split(",\\s*");
            String[] rowCols = ROW_COLUMNS.split(",\\s*");
            StringBuilder set = new StringBuilder();
            for (int i = 0; i < orgCols.length; i++) {
                set.append(orgCols[i]).append(" = r.").append(rowCols[i]).append(", ");
            }
            try (PreparedStatement s = c.prepareStatement("update organization o set " + set + "updated_by = ?,"
                    + " updated_via = " + via + ", updated_at = now(), version = o.version + 1 from survey_import_row r"
                    + " where r.county_code = ? and r.import_id = ? and r.status = 'CHANGED'"
                    + " and o.county_code = r.county_code and o.id = r.organization_id and o.version = r.expected_version")) {
                s.setString(1, user);
                s.setString(2, county);
                s.setLong(3, id);
                if (s.executeUpdate() != summary.changed()) {
                    // someone changed one of these organizations since the preview
                    throw ApiException.conflict("STALE_PREVIEW", Msg.t("survey.import.stale"));
                }
            }
            parties(c, county, user, id, part);
            try (PreparedStatement s = c.prepareStatement("update survey_import set status = 'COMMITTED',"
                    + " committed_by = ?, committed_at = now() where county_code = ? and id = ?")) {
                s.setString(1, user);
                s.setString(2, county);
                s.setLong(3, id);
                s.executeUpdate();
            }
        } catch (SQLException e) {
            if (uniqueViolation(e)) {
                // another write took a code or a coverage since the preview: nothing of the import stays
                throw ApiException.conflict("STALE_PREVIEW", Msg.t("survey.import.stale"));
            }
            throw new IllegalStateException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String prefixed(String columns) {
        return "r." + columns.replace(", ", ", r.");
    }

    private static boolean uniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof java.sql.BatchUpdateException b && b.getNextException() != null
                    && "23505".equals(b.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** A row whose column 19 says a party organization covers its organization. */
    private record PartyRow(long organization, int row, String township, PartyStatus status, String name) {
    }

    /**
     * Column 19/20: an own party organization for an uncovered organization, or coverage by the
     * joint branch or the organization relied on, named in column 20 — one per name, created once.
     */
    private void parties(Connection c, String county, String user, long importId, cn.liangxin.security.Scope.Part part)
            throws SQLException {
        List<PartyRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("select case when r.status = 'NEW' then r.reserved_id else r.organization_id end, r.row_number,"
                + " r.township_code, r.party_status, r.party_name from survey_import_row r"
                + " where r.county_code = ? and r.import_id = ? and r.status in ('NEW', 'CHANGED')"
                + " and r.party_status is not null and r.party_status <> 'NONE'"
                + " and not exists (select 1 from party_organization_coverage v where v.county_code = r.county_code"
                + " and v.active and v.organization_id = case when r.status = 'NEW' then r.reserved_id else r.organization_id end) order by r.seq")) {
            s.setString(1, county);
            s.setLong(2, importId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new PartyRow(r.getLong(1), r.getInt(2), r.getString(3), PartyStatus.valueOf(r.getString(4)),
                            r.getString(5)));
                }
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        // a name means a party organization the committer holds, and one that may cover the row's
        // township (its own, or one whose formation reaches across townships); the key says which
        Map<String, Long> byName = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select p.name, p.id, p.township_code, p.formation from party_organization p"
                + " where p.county_code = ? and p.dissolved_on is null and " + part.jdbc("p") + " order by p.id")) {
            s.setString(1, county);
            part.bind(s, 2);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    boolean spans = Formation.valueOf(r.getString(4)).maySpanTownships();
                    byName.putIfAbsent(partyKey(r.getString(1), spans ? null : r.getString(3)), r.getLong(2));
                }
            }
        }
        // the party organizations to create: one per own row, one per name not yet registered
        java.util.Set<String> named = new java.util.HashSet<>(byName.keySet());
        int needed = 0;
        for (PartyRow a : rows) {
            if (a.status().name().startsWith("OWN_") || (named.add(partyKey(a.name(), a.township()))
                    && !byName.containsKey(partyKey(a.name(), null)))) {
                needed++;
            }
        }
        long[] fresh = cn.liangxin.database.RegistryIds.take(c, needed);
        int next = 0;
        try (PreparedStatement party = c.prepareStatement("insert into party_organization (county_code, id, township_code,"
                + " name, level, formation, founded_on, created_by, updated_by, updated_via) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement cover = c.prepareStatement("insert into party_organization_coverage (county_code,"
                     + " party_organization_id, organization_id, active) values (?, ?, ?, true)")) {
            for (PartyRow a : rows) {
                boolean own = a.status().name().startsWith("OWN_");
                Long partyId = own ? null : byName.getOrDefault(partyKey(a.name(), a.township()), byName.get(partyKey(a.name(), null)));
                if (partyId == null) {
                    partyId = fresh[next++];
                    party.setString(1, county);
                    party.setLong(2, partyId);
                    party.setString(3, a.township());
                    party.setString(4, a.name());
                    party.setString(5, level(a.status()).name());
                    party.setString(6, (own ? Formation.INDEPENDENT
                            : a.status() == PartyStatus.JOINT_BRANCH ? Formation.JOINT : Formation.RELIANT).name());
                    party.setDate(7, Date.valueOf(LocalDate.now(cn.liangxin.time.Days.ZONE)));
                    party.setString(8, user);
                    party.setString(9, user);
                    party.setString(10, "IMPORT " + importId + " ROW " + a.row());
                    party.addBatch();
                    if (!own) {
                        // created here as a joint branch (or one relied on) of the row's township
                        byName.put(partyKey(a.name(), a.status() == PartyStatus.JOINT_BRANCH ? a.township() : null), partyId);
                    }
                }
                cover.setString(1, county);
                cover.setLong(2, partyId);
                cover.setLong(3, a.organization());
                cover.addBatch();
            }
            party.executeBatch();
            cover.executeBatch();
        }
    }

    /** A party organization's name, within a township (or, for one spanning townships, null: the county). */
    private static String partyKey(String name, String township) {
        return (township == null ? "*" : township) + "|" + name;
    }

    private static PartyLevel level(PartyStatus s) {
        return switch (s) {
            case OWN_GENERAL_BRANCH -> PartyLevel.GENERAL_BRANCH;
            case OWN_COMMITTEE -> PartyLevel.COMMITTEE;
            default -> PartyLevel.BRANCH;
        };
    }

    private static int zero(Integer i) {
        return i == null ? 0 : i;
    }

    private String write(Object o) {
        if (o instanceof List<?> l && l.isEmpty()) {
            return "[]";
        }
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
