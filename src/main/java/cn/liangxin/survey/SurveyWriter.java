package cn.liangxin.survey;

import cn.liangxin.organization.Kind;
import cn.liangxin.organization.MassOrganization;
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

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps previews in PostgreSQL and applies them: every write here is a JDBC batch inside the
 * caller's transaction, so a commit is all rows or none.
 */
@ApplicationScoped
public class SurveyWriter {

    static final int BATCH = 500;
    private static final TypeReference<List<ImportPreview.Change>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<CellProblem>> PROBLEMS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** What a preview keeps of an accepted row to apply it later. */
    record Accepted(OrganizationInput input, Set<SurveyColumn> present, PartyStatus partyStatus,
                    String partyOrganization, String partyName) {
    }

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public SurveyWriter(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    long save(String county, Long campaignId, String fileName, String format, String user, ImportPreview.Summary summary,
              List<String> unknown, List<ImportPreview.Row> rows, List<ParsedRow> parsed, Map<Long, Integer> versions) {
        try (Connection c = dataSource.getConnection()) {
            long id;
            try (PreparedStatement s = c.prepareStatement("select nextval('survey_import_id_seq')");
                 ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("insert into survey_import (county_code, id, file_name, format,"
                    + " status, uploaded_by, summary, unknown_columns, campaign_id)"
                    + " values (?, ?, ?, ?, 'PREVIEW', ?, ?::jsonb, ?::jsonb, ?)")) {
                s.setString(1, county);
                s.setLong(2, id);
                s.setString(3, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
                s.setString(4, format);
                s.setString(5, user);
                s.setString(6, write(summary));
                s.setString(7, write(unknown));
                setLong(s, 8, campaignId);
                s.executeUpdate();
            }
            // ids for the new rows now, so that the commit need not write the preview back
            List<Long> reserved = ids(c, (int) rows.stream().filter(r -> r.status().equals("NEW")).count());
            int next = 0;
            try (PreparedStatement s = c.prepareStatement("insert into survey_import_row (county_code, import_id, seq,"
                    + " row_number, sheet, status, organization_id, expected_version, name, input, changes, errors, warnings,"
                    + " reserved_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?)")) {
                for (int i = 0; i < rows.size(); i++) {
                    ImportPreview.Row row = rows.get(i);
                    ParsedRow p = parsed.get(i);
                    boolean accepted = row.status().equals("NEW") || row.status().equals("CHANGED");
                    s.setString(1, county);
                    s.setLong(2, id);
                    s.setInt(3, i);
                    s.setInt(4, row.row());
                    s.setString(5, row.sheet());
                    s.setString(6, row.status());
                    setLong(s, 7, row.organizationId());
                    Integer version = row.organizationId() == null ? null : versions.get(row.organizationId());
                    if (version == null) s.setNull(8, Types.INTEGER); else s.setInt(8, version);
                    s.setString(9, row.name() == null ? null : row.name().substring(0, Math.min(1000, row.name().length())));
                    s.setString(10, accepted ? write(new Accepted(p.input(), p.present(), p.partyStatus(),
                            p.partyOrganization(), SurveyChanges.forms(p.partyStatus()) ? SurveyChanges.partyName(p) : null))
                            : null);
                    s.setString(11, write(row.changes()));
                    s.setString(12, write(row.errors()));
                    s.setString(13, write(row.warnings()));
                    setLong(s, 14, row.status().equals("NEW") ? reserved.get(next++) : null);
                    s.addBatch();
                    if (i % BATCH == BATCH - 1) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored preview (with its rows, or only its summary); a clerk (uploader given) sees only her own uploads. */
    ImportPreview load(long id, List<String> restriction, String uploader, boolean withRows) {
        try (Connection c = dataSource.getConnection()) {
            String file;
            String format;
            String status;
            String summary;
            String unknown;
            String county;
            Timestamp committedAt;
            try (PreparedStatement s = c.prepareStatement("select county_code, file_name, format, status, summary::text,"
                    + " unknown_columns::text, uploaded_by, committed_at from survey_import where id = ?")) {
                s.setLong(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || (uploader != null && !uploader.equals(r.getString(7)))) {
                        throw ApiException.notFound(Msg.t("survey.import.what", id));
                    }
                    county = r.getString(1);
                    file = r.getString(2);
                    format = r.getString(3);
                    status = r.getString(4);
                    summary = r.getString(5);
                    unknown = r.getString(6);
                    committedAt = r.getTimestamp(8);
                }
            }
            List<ImportPreview.Row> rows = new ArrayList<>();
            if (withRows) try (PreparedStatement s = c.prepareStatement("select sheet, row_number, status, organization_id, name,"
                    + " changes::text, errors::text, warnings::text from survey_import_row"
                    + " where county_code = ? and import_id = ? order by seq")) {
                s.setString(1, county);
                s.setLong(2, id);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long org = r.getLong(4);
                        rows.add(new ImportPreview.Row(r.getString(1), r.getInt(2), r.getString(3),
                                r.wasNull() ? null : org, r.getString(5), read(r.getString(6), CHANGES),
                                read(r.getString(7), PROBLEMS), read(r.getString(8), PROBLEMS)));
                    }
                }
            }
            return new ImportPreview(id, county, file, format, status, json.readValue(summary, ImportPreview.Summary.class),
                    read(unknown, STRINGS), withRows ? rows : null, committedAt == null ? null : committedAt.toInstant());
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies the accepted rows of a preview. Must run inside the caller's transaction. */
    void commit(long id, String county, String user) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select status from survey_import where county_code = ? and id = ? for update")) {
                s.setString(1, county);
                s.setLong(2, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw ApiException.notFound(Msg.t("survey.import.what", id));
                    }
                    if (!"PREVIEW".equals(r.getString(1))) {
                        throw ApiException.conflict("ALREADY_COMMITTED", Msg.t("survey.import.committed", id));
                    }
                }
            }
            // a chunk at a time, so that a 100,000-row import never sits in memory whole
            List<Long> partyOrgs = new ArrayList<>();
            List<Accepted> partyRows = new ArrayList<>();
            int from = -1;
            while (true) {
                List<long[]> changed = new ArrayList<>();
                List<Accepted> changedRows = new ArrayList<>();
                List<Integer> changedNumbers = new ArrayList<>();
                List<Accepted> newRows = new ArrayList<>();
                List<Integer> newNumbers = new ArrayList<>();
                List<Long> newIds = new ArrayList<>();
                int last = from;
                try (PreparedStatement s = c.prepareStatement("select status, organization_id, expected_version,"
                        + " input::text, row_number, seq, reserved_id from survey_import_row where county_code = ? and import_id = ?"
                        + " and seq > ? and status in ('NEW', 'CHANGED') order by seq limit " + BATCH)) {
                    s.setString(1, county);
                    s.setLong(2, id);
                    s.setInt(3, from);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            Accepted a = json.readValue(r.getString(4), Accepted.class);
                            last = r.getInt(6);
                            if (r.getString(1).equals("NEW")) {
                                newRows.add(a);
                                newNumbers.add(r.getInt(5));
                                newIds.add(r.getLong(7));
                            } else {
                                changed.add(new long[]{r.getLong(2), r.getInt(3)});
                                changedRows.add(a);
                                changedNumbers.add(r.getInt(5));
                            }
                        }
                    }
                }
                if (last == from) {
                    break;
                }
                from = last;
                insertNew(c, county, user, id, newRows, newNumbers, newIds);
                updateChanged(c, county, user, id, changed, changedRows, changedNumbers);
                for (int i = 0; i < newRows.size(); i++) {
                    if (SurveyChanges.forms(newRows.get(i).partyStatus())) {
                        partyOrgs.add(newIds.get(i));
                        partyRows.add(newRows.get(i));
                    }
                }
                for (int i = 0; i < changedRows.size(); i++) {
                    if (SurveyChanges.forms(changedRows.get(i).partyStatus())) {
                        partyOrgs.add(changed.get(i)[0]);
                        partyRows.add(changedRows.get(i));
                    }
                }
            }
            parties(c, county, user, id, partyOrgs, partyRows);
            // the preview's new rows now name their organizations, for campaign progress and history
            try (PreparedStatement s = c.prepareStatement("update survey_import_row set organization_id = reserved_id"
                    + " where county_code = ? and import_id = ? and status = 'NEW'")) {
                s.setString(1, county);
                s.setLong(2, id);
                s.executeUpdate();
            }
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

    private static final String COLUMNS = "township_code, name, uscc, kind, sector, community, address, building,"
            + " industry, above_scale, status, headcount, formal_members, probationary_members, members_elsewhere,"
            + " activists, owner_is_member, owner_attitude, secretary_candidate, mass_organizations, instructor,"
            + " planned_formation_on, not_planned_reason, responsible, notes";

    private void insertNew(Connection c, String county, String user, long importId, List<Accepted> rows,
                           List<Integer> numbers, List<Long> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("insert into organization (county_code, id, " + COLUMNS
                + ", created_by, updated_by, updated_via) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows.size(); i++) {
                s.setString(1, county);
                s.setLong(2, ids.get(i));
                values(s, 3, rows.get(i).input());
                s.setString(28, user);
                s.setString(29, user);
                s.setString(30, via(importId, numbers.get(i)));
                s.addBatch();
                if (i % BATCH == BATCH - 1) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    private void updateChanged(Connection c, String county, String user, long importId, List<long[]> changed,
                               List<Accepted> rows, List<Integer> numbers) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        Map<Long, OrganizationInput> current = current(c, county, changed.stream().map(x -> x[0]).toList());
        String set = COLUMNS.replace(",", " = ?,").replace("notes", "notes = ?");
        try (PreparedStatement s = c.prepareStatement("update organization set " + set + ", updated_by = ?,"
                + " updated_via = ?, updated_at = now(), version = version + 1"
                + " where county_code = ? and id = ? and version = ?")) {
            for (int i = 0; i < changed.size(); i++) {
                long orgId = changed.get(i)[0];
                OrganizationInput merged = merge(current.get(orgId), rows.get(i));
                values(s, 1, merged);
                s.setString(26, user);
                s.setString(27, via(importId, numbers.get(i)));
                s.setString(28, county);
                s.setLong(29, orgId);
                s.setInt(30, (int) changed.get(i)[1]);
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int n : counts) {
                if (n == 0) {
                    throw ApiException.conflict("STALE_PREVIEW", Msg.t("survey.import.stale"));
                }
            }
        }
    }

    /** The registry's values of organizations, as input, to keep what a file's missing columns do not say. */
    private Map<Long, OrganizationInput> current(Connection c, String county, List<Long> ids) throws SQLException {
        Map<Long, OrganizationInput> map = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select id, " + COLUMNS
                + " from organization where county_code = ? and id = any(?)")) {
            s.setString(1, county);
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Date planned = r.getDate(23);
                    map.put(r.getLong(1), new OrganizationInput(r.getString(3), r.getString(4), Kind.valueOf(r.getString(5)),
                            r.getString(2), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                            r.getBoolean(11), Status.valueOf(r.getString(12)), r.getInt(13), r.getInt(14), r.getInt(15),
                            r.getInt(16), r.getInt(17), r.getBoolean(18),
                            r.getString(19) == null ? null : cn.liangxin.organization.OwnerAttitude.valueOf(r.getString(19)),
                            r.getBoolean(20), mass(r.getString(21)), r.getString(22),
                            planned == null ? null : planned.toLocalDate(), r.getString(24), r.getString(25),
                            r.getString(26), null));
                }
            }
        }
        return map;
    }

    private static OrganizationInput merge(OrganizationInput cur, Accepted a) {
        OrganizationInput in = a.input();
        Set<SurveyColumn> p = a.present();
        return new OrganizationInput(
                pick(p, SurveyColumn.NAME, in.name(), cur.name()), pick(p, SurveyColumn.USCC, in.uscc(), cur.uscc()),
                pick(p, SurveyColumn.KIND, in.kind(), cur.kind()), pick(p, SurveyColumn.TOWNSHIP, in.townshipCode(), cur.townshipCode()),
                pick(p, SurveyColumn.COMMUNITY, in.community(), cur.community()),
                pick(p, SurveyColumn.ADDRESS, in.address(), cur.address()),
                pick(p, SurveyColumn.BUILDING, in.building(), cur.building()),
                pick(p, SurveyColumn.INDUSTRY, in.industry(), cur.industry()),
                pick(p, SurveyColumn.ABOVE_SCALE, in.aboveScale(), cur.aboveScale()),
                pick(p, SurveyColumn.STATUS, in.status(), cur.status()),
                pick(p, SurveyColumn.HEADCOUNT, in.headcount(), cur.headcount()),
                pick(p, SurveyColumn.FORMAL_MEMBERS, in.formalMembers(), cur.formalMembers()),
                pick(p, SurveyColumn.PROBATIONARY_MEMBERS, in.probationaryMembers(), cur.probationaryMembers()),
                pick(p, SurveyColumn.MEMBERS_ELSEWHERE, in.membersElsewhere(), cur.membersElsewhere()),
                pick(p, SurveyColumn.ACTIVISTS, in.activists(), cur.activists()),
                pick(p, SurveyColumn.OWNER_IS_MEMBER, in.ownerIsMember(), cur.ownerIsMember()),
                pick(p, SurveyColumn.OWNER_ATTITUDE, in.ownerAttitude(), cur.ownerAttitude()),
                pick(p, SurveyColumn.SECRETARY_CANDIDATE, in.secretaryCandidate(), cur.secretaryCandidate()),
                pick(p, SurveyColumn.MASS_ORGANIZATIONS, in.massOrganizations(), cur.massOrganizations()),
                pick(p, SurveyColumn.INSTRUCTOR, in.instructor(), cur.instructor()),
                pick(p, SurveyColumn.PLANNED_FORMATION_ON, in.plannedFormationOn(), cur.plannedFormationOn()),
                pick(p, SurveyColumn.NOT_PLANNED_REASON, in.notPlannedReason(), cur.notPlannedReason()),
                pick(p, SurveyColumn.RESPONSIBLE, in.responsible(), cur.responsible()),
                pick(p, SurveyColumn.NOTES, in.notes(), cur.notes()), null);
    }

    private static <T> T pick(Set<SurveyColumn> present, SurveyColumn c, T fromFile, T fromRegistry) {
        return present.contains(c) ? fromFile : fromRegistry;
    }

    /** Sets the 25 columns of {@link #COLUMNS} from position {@code at}. */
    private static void values(PreparedStatement s, int at, OrganizationInput in) throws SQLException {
        int k = at;
        s.setString(k++, in.townshipCode());
        s.setString(k++, in.name().strip());
        s.setString(k++, Uscc.normalize(in.uscc()));
        s.setString(k++, in.kind().name());
        s.setString(k++, in.kind().sector().name());
        s.setString(k++, in.community());
        s.setString(k++, in.address());
        s.setString(k++, in.building());
        s.setString(k++, in.industry());
        s.setBoolean(k++, Boolean.TRUE.equals(in.aboveScale()));
        s.setString(k++, (in.status() == null ? Status.OPERATING : in.status()).name());
        s.setInt(k++, in.headcount());
        s.setInt(k++, in.formalMembers());
        s.setInt(k++, zero(in.probationaryMembers()));
        s.setInt(k++, zero(in.membersElsewhere()));
        s.setInt(k++, zero(in.activists()));
        s.setBoolean(k++, Boolean.TRUE.equals(in.ownerIsMember()));
        s.setString(k++, in.ownerAttitude() == null ? null : in.ownerAttitude().name());
        s.setBoolean(k++, Boolean.TRUE.equals(in.secretaryCandidate()));
        s.setString(k++, in.massOrganizations() == null || in.massOrganizations().isEmpty() ? ""
                : EnumSet.copyOf(in.massOrganizations()).stream().map(Enum::name).collect(Collectors.joining(",")));
        s.setString(k++, in.instructor());
        s.setDate(k++, in.plannedFormationOn() == null ? null : Date.valueOf(in.plannedFormationOn()));
        s.setString(k++, in.notPlannedReason());
        s.setString(k++, in.responsible());
        s.setString(k, in.notes());
    }

    /**
     * Column 19/20: an own party organization for an uncovered organization, or coverage by the
     * joint branch or the organization relied on, named in column 20 — one per name, created once.
     */
    private void parties(Connection c, String county, String user, long importId, List<Long> orgIds,
                         List<Accepted> rows) throws SQLException {
        Map<Long, Boolean> covered = new HashMap<>();
        if (!orgIds.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("select organization_id from party_organization_coverage"
                    + " where county_code = ? and active and organization_id = any(?)")) {
                s.setString(1, county);
                s.setArray(2, c.createArrayOf("bigint", orgIds.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) covered.put(r.getLong(1), true);
                }
            }
        }
        Map<String, Long> byName = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("select name, id from party_organization"
                + " where county_code = ? and dissolved_on is null")) {
            s.setString(1, county);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) byName.putIfAbsent(r.getString(1), r.getLong(2));
            }
        }
        try (PreparedStatement party = c.prepareStatement("insert into party_organization (county_code, id, township_code,"
                + " name, level, formation, founded_on, created_by, updated_by, updated_via) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement cover = c.prepareStatement("insert into party_organization_coverage (county_code,"
                     + " party_organization_id, organization_id, active) values (?, ?, ?, true)")) {
            for (int i = 0; i < rows.size(); i++) {
                Accepted a = rows.get(i);
                long org = orgIds.get(i);
                if (!SurveyChanges.forms(a.partyStatus()) || covered.containsKey(org)) {
                    continue;
                }
                boolean own = a.partyStatus().name().startsWith("OWN_");
                Long partyId = own ? null : byName.get(a.partyName());
                if (partyId == null) {
                    partyId = ids(c, 1).get(0);
                    party.setString(1, county);
                    party.setLong(2, partyId);
                    party.setString(3, a.input().townshipCode());
                    party.setString(4, a.partyName());
                    party.setString(5, level(a.partyStatus()).name());
                    party.setString(6, (own ? Formation.INDEPENDENT
                            : a.partyStatus() == PartyStatus.JOINT_BRANCH ? Formation.JOINT : Formation.RELIANT).name());
                    party.setDate(7, Date.valueOf(LocalDate.now()));
                    party.setString(8, user);
                    party.setString(9, user);
                    party.setString(10, via(importId, null));
                    party.executeUpdate();
                    if (!own) {
                        byName.put(a.partyName(), partyId);
                    }
                }
                cover.setString(1, county);
                cover.setLong(2, partyId);
                cover.setLong(3, org);
                cover.addBatch();
                covered.put(org, true);
            }
            cover.executeBatch();
        }
    }

    private static PartyLevel level(PartyStatus s) {
        return switch (s) {
            case OWN_GENERAL_BRANCH -> PartyLevel.GENERAL_BRANCH;
            case OWN_COMMITTEE -> PartyLevel.COMMITTEE;
            default -> PartyLevel.BRANCH;
        };
    }

    /** Fresh registry ids, each a value of the shared sequence, as the ORM's pooled ids never reach them. */
    private static List<Long> ids(Connection c, int n) throws SQLException {
        List<Long> ids = new ArrayList<>(n);
        if (n == 0) {
            return ids;
        }
        try (PreparedStatement s = c.prepareStatement("select nextval('registry_id_seq') from generate_series(1, ?)")) {
            s.setInt(1, n);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) ids.add(r.getLong(1));
            }
        }
        return ids;
    }

    private static String via(long importId, Integer row) {
        return row == null ? "IMPORT " + importId : "IMPORT " + importId + " ROW " + row;
    }

    private static Set<MassOrganization> mass(String stored) {
        Set<MassOrganization> set = EnumSet.noneOf(MassOrganization.class);
        if (stored != null && !stored.isBlank()) {
            for (String s : stored.split(",")) set.add(MassOrganization.valueOf(s));
        }
        return set;
    }

    private static int zero(Integer i) {
        return i == null ? 0 : i;
    }

    private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) s.setNull(i, Types.BIGINT); else s.setLong(i, v);
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

    private <T> T read(String text, TypeReference<T> type) throws JsonProcessingException {
        return json.readValue(text, type);
    }
}
