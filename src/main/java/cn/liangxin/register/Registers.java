package cn.liangxin.register;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;
import cn.liangxin.organization.Kind;
import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.organization.OrganizationView;
import cn.liangxin.organization.Organizations;
import cn.liangxin.organization.Status;
import cn.liangxin.security.Caller;
import cn.liangxin.security.Scope;
import cn.liangxin.spreadsheet.RowSource;
import cn.liangxin.spreadsheet.SurveyFileException;
import cn.liangxin.spreadsheet.SurveyFiles;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registers of record held against the registry: an import reads a register file, finds each
 * line's township from its address, matches it (by credit code, then by name in its township, then by
 * a name unique in the county) and files it in a {@link RegisterCategory}; the worklists lead to
 * action, and nothing in the registry changes without a person asking for it.
 */
@ApplicationScoped
public class Registers {

    /** An import: which register, as of when, and how its lines fall. */
    public record Import(long id, String countyCode, String source, LocalDate asOf, String fileName, String importedBy,
                         Instant importedAt, Summary summary, SinceLast sinceLast) {
    }

    /**
     * What changed since the county's previous snapshot of the same register (null: the first one):
     * lines new to it, lines no longer in it, lines whose status turned (active ↔ inactive). A line is
     * known by its credit code, else by its name.
     */
    public record SinceLast(long previousId, LocalDate previousAsOf, int added, int removed, int statusChanged) {
    }

    /** How the lines of a register fall; {@code mismatches}: matched lines whose name or kind differs. */
    public record Summary(int rows, int matched, int closeCandidates, int unsurveyed, int unassigned, int inactive,
                          int outOfScope, int mismatches) {
    }

    /** One line of a worklist. */
    public record Item(long id, RegisterCategory category, String uscc, String name, String address, String registerStatus,
                       Kind kind, String townshipCode, Long organizationId, List<Map<String, String>> mismatches,
                       String done) {
    }

    public record Worklist(List<Item> items, long total) {
    }

    private final AgroalDataSource dataSource;
    private final EntityManager em;
    private final Scope scope;
    private final Caller caller;
    private final Organizations organizations;
    private final ObjectMapper json;

    public Registers(AgroalDataSource dataSource, EntityManager em, Scope scope, Caller caller, Organizations organizations,
                     ObjectMapper json) {
        this.dataSource = dataSource;
        this.em = em;
        this.scope = scope;
        this.caller = caller;
        this.organizations = organizations;
        this.json = json;
    }

    /** What the registry holds of a county, for matching. */
    private record Known(long id, String uscc, String name, String township, String kind, boolean active) {
    }

    /**
     * Reads a register of the county the caller manages (its 党工委 or an administrator) and keeps it
     * as a dated snapshot with every line's category. The registry is not touched.
     */
    public Import importFile(Path file, String fileName, String source, LocalDate asOf, String requestedCounty) {
        String countyCode = scope.manageCounty(requestedCounty);
        if (!"MARKET".equals(source) && !"CIVIL".equals(source)) {
            throw ApiException.invalid("source", Msg.t("register.source", source == null ? "" : source));
        }
        County county = scope.counties().stream().filter(c -> c.code().equals(countyCode)).findFirst().orElseThrow();
        List<RegisterFile.Line> lines;
        try (RowSource rows = SurveyFiles.open(file, fileName, SurveyFiles.Limits.DEFAULTS)) {
            lines = RegisterFile.read(rows);
        } catch (SurveyFileException e) {
            throw ApiException.invalid("file", e.getMessage());
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.invalid("file", Msg.t("register.unreadable"));
        }
        Addresses addresses = new Addresses(county, scope.counties());
        Map<String, Known> byUscc = new HashMap<>();
        Map<String, Known> byTownshipName = new HashMap<>();
        Map<String, List<Known>> byName = new HashMap<>();
        for (Object o : em.createNativeQuery("select id, uscc, name, township_code, kind, status <> 'CLOSED'"
                + " from organization where county_code = :county").setParameter("county", countyCode).getResultList()) {
            Object[] r = (Object[]) o;
            Known k = new Known(((Number) r[0]).longValue(), (String) r[1], RegisterFile.key((String) r[2]), (String) r[3],
                    (String) r[4], (Boolean) r[5]);
            if (k.uscc() != null) byUscc.put(k.uscc(), k);
            byTownshipName.put(k.township() + "|" + k.name(), k);
            byName.computeIfAbsent(k.name(), x -> new ArrayList<>()).add(k);
        }
        Map<RegisterCategory, Integer> counts = new EnumMap<>(RegisterCategory.class);
        int mismatched = 0;
        List<Object[]> rows = new ArrayList<>();
        for (RegisterFile.Line l : lines) {
            Addresses.Place place = addresses.place(l.address(), l.uscc());
            Township township = place.township();
            String name = RegisterFile.key(l.name());
            Known match = l.uscc() == null ? null : byUscc.get(l.uscc());
            if (match == null && township != null) {
                match = byTownshipName.get(township.code() + "|" + name);
            }
            if (match == null && township == null && !place.otherCounty() && byName.getOrDefault(name, List.of()).size() == 1) {
                match = byName.get(name).get(0);
            }
            RegisterCategory category;
            if (place.otherCounty() && match == null) {
                category = RegisterCategory.OUT_OF_SCOPE;
            } else if (match != null) {
                category = match.active() && !l.active() ? RegisterCategory.CLOSE_CANDIDATE : RegisterCategory.MATCHED;
            } else if (!l.active()) {
                category = RegisterCategory.INACTIVE;
            } else {
                category = township == null ? RegisterCategory.UNASSIGNED : RegisterCategory.UNSURVEYED;
            }
            counts.merge(category, 1, Integer::sum);
            Kind kind = Kind.of(l.uscc()).orElse(null);
            List<Map<String, String>> mismatches = new ArrayList<>();
            if (match != null) {
                if (!match.name().equals(name)) {
                    mismatches.add(Map.of("field", "name", "register", l.name(), "registry", match.name()));
                }
                if (kind != null && !kind.name().equals(match.kind())) {
                    mismatches.add(Map.of("field", "kind", "register", Msg.label(kind),
                            "registry", Msg.label(Kind.valueOf(match.kind()))));
                }
            }
            if (!mismatches.isEmpty()) {
                mismatched++;
            }
            String township9 = township != null ? township.code() : match != null ? match.township() : null;
            rows.add(new Object[]{l.row(), l.uscc(), l.name(), l.status(), l.active(), l.address(), l.type(),
                    kind == null ? null : kind.name(), township9, category.name(), match == null ? null : match.id(),
                    write(mismatches)});
        }
        Summary summary = new Summary(lines.size(), n(counts, RegisterCategory.MATCHED),
                n(counts, RegisterCategory.CLOSE_CANDIDATE), n(counts, RegisterCategory.UNSURVEYED),
                n(counts, RegisterCategory.UNASSIGNED), n(counts, RegisterCategory.INACTIVE),
                n(counts, RegisterCategory.OUT_OF_SCOPE), mismatched);
        long id = store(countyCode, source, asOf, fileName, summary, rows);
        return get(id);
    }

    private long store(String county, String source, LocalDate asOf, String fileName, Summary summary, List<Object[]> rows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement s = c.prepareStatement("select nextval('register_import_id_seq')"); ResultSet r = s.executeQuery()) {
                r.next();
                id = r.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("insert into register_import (county_code, id, source, as_of,"
                    + " file_name, imported_by, summary) values (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                s.setString(1, county);
                s.setLong(2, id);
                s.setString(3, source);
                s.setObject(4, asOf);
                s.setString(5, fileName);
                s.setString(6, caller.username());
                s.setString(7, write(summary));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into register_row (county_code, import_id, seq, row_number,"
                    + " uscc, name, register_status, active, address, register_type, kind, township_code, category,"
                    + " organization_id, mismatches) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)")) {
                for (int i = 0; i < rows.size(); i++) {
                    Object[] r = rows.get(i);
                    s.setString(1, county);
                    s.setLong(2, id);
                    s.setInt(3, i + 1);
                    s.setInt(4, (Integer) r[0]);
                    s.setString(5, cut((String) r[1], 40));
                    s.setString(6, cut((String) r[2], 300));
                    s.setString(7, cut((String) r[3], 60));
                    s.setBoolean(8, (Boolean) r[4]);
                    s.setString(9, cut((String) r[5], 500));
                    s.setString(10, cut((String) r[6], 100));
                    s.setString(11, (String) r[7]);
                    s.setString(12, (String) r[8]);
                    s.setString(13, (String) r[9]);
                    s.setObject(14, r[10]);
                    s.setString(15, (String) r[11]);
                    s.addBatch();
                    if ((i + 1) % 1000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The imports of the caller's counties, newest first. */
    public List<Import> list() {
        List<Import> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id from register_import where county_code in (:counties)"
                        + " order by imported_at desc, id desc")
                .setParameter("counties", scope.counties().stream().map(County::code).toList()).getResultList()) {
            out.add(get(((Number) o).longValue()));
        }
        return out;
    }

    /** An import with what changed since the previous snapshot of its register. */
    public Import get(long id) {
        Import i = find(id);
        return new Import(i.id(), i.countyCode(), i.source(), i.asOf(), i.fileName(), i.importedBy(), i.importedAt(),
                i.summary(), sinceLast(id, i.countyCode(), i.source()));
    }

    /** An import the caller's counties hold (else 404), without the comparison with the previous one. */
    private Import find(long id) {
        List<?> rows = em.createNativeQuery("select county_code, source, as_of, file_name, imported_by, imported_at,"
                + " summary::text from register_import where id = :id", Tuple.class).setParameter("id", id).getResultList();
        if (rows.isEmpty() || scope.counties().stream().noneMatch(c -> c.code().equals(((Tuple) rows.get(0)).get(0)))) {
            throw ApiException.notFound(Msg.t("register.what", id));
        }
        Tuple t = (Tuple) rows.get(0);
        try {
            return new Import(id, (String) t.get(0), (String) t.get(1), t.get(2, LocalDate.class), (String) t.get(3),
                    (String) t.get(4), t.get(5, Instant.class),
                    json.readValue((String) t.get(6), Summary.class), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SinceLast sinceLast(long id, String county, String source) {
        List<?> previous = em.createNativeQuery("select id, as_of from register_import where county_code = :county"
                        + " and source = :source and id < :id order by id desc limit 1")
                .setParameter("county", county).setParameter("source", source).setParameter("id", id).getResultList();
        if (previous.isEmpty()) {
            return null;
        }
        Object[] p = (Object[]) previous.get(0);
        long before = ((Number) p[0]).longValue();
        Object[] n = (Object[]) em.createNativeQuery("""
                with cur as (select distinct on (k) k, active from (select coalesce(uscc, 'name:' || name) as k, active
                                 from register_row where county_code = :county and import_id = :id) x order by k),
                     prev as (select distinct on (k) k, active from (select coalesce(uscc, 'name:' || name) as k, active
                                 from register_row where county_code = :county and import_id = :before) y order by k)
                select count(*) filter (where p.k is null), count(*) filter (where c.k is null),
                       count(*) filter (where c.k is not null and p.k is not null and c.active <> p.active)
                from cur c full join prev p on p.k = c.k""")
                .setParameter("county", county).setParameter("id", id).setParameter("before", before).getSingleResult();
        return new SinceLast(before, p[1] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) p[1],
                ((Number) n[0]).intValue(), ((Number) n[1]).intValue(), ((Number) n[2]).intValue());
    }

    /** A township's lines of a register, by what is to be done: the reconciliation board's line. */
    public record BoardLine(String code, String name, int unsurveyed, int closeCandidates, int matched, int done) {
    }

    /**
     * The reconciliation board of an import: per township the caller sees, the lines to survey, the
     * close candidates, the matched and those already dealt with; the county's unassigned lines apart.
     */
    public List<BoardLine> board(long id) {
        Import imp = find(id);
        Scope.Part part = scope.part(imp.countyCode(), null);
        Map<String, int[]> counts = new HashMap<>();
        for (Object o : part.bind(em.createNativeQuery("select r.township_code,"
                        + " count(*) filter (where r.category = 'UNSURVEYED' and r.done is null),"
                        + " count(*) filter (where r.category = 'CLOSE_CANDIDATE' and r.done is null),"
                        + " count(*) filter (where r.category = 'MATCHED'), count(*) filter (where r.done is not null)"
                        + " from register_row r where r.county_code = :county and r.import_id = :id and " + part.sql("r")
                        + " group by r.township_code"))
                .setParameter("county", imp.countyCode()).setParameter("id", id).getResultList()) {
            Object[] r = (Object[]) o;
            counts.put((String) r[0], new int[]{((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue(), ((Number) r[4]).intValue()});
        }
        List<BoardLine> out = new ArrayList<>();
        for (Township t : scope.townships()) {
            if (t.countyCode().equals(imp.countyCode())) {
                int[] c = counts.getOrDefault(t.code(), new int[4]);
                out.add(new BoardLine(t.code(), t.name(), c[0], c[1], c[2], c[3]));
            }
        }
        return out;
    }

    /**
     * A page of an import's lines of one category (null: all) and township (null: all the caller
     * sees); lines without a township are the county's, for its 党工委.
     */
    public Worklist worklist(long id, RegisterCategory category, String township, int offset, int limit) {
        Import imp = find(id);
        Scope.Part part = scope.part(imp.countyCode(), township);
        boolean county = scope.seesWhole(imp.countyCode());
        String where = "r.county_code = :county and r.import_id = :id"
                + (category == null ? "" : " and r.category = :category")
                + (township != null || !county ? " and " + part.sql("r") : "");
        jakarta.persistence.Query q = em.createNativeQuery("select " + LINE
                + ", count(*) over () from register_row r where " + where + " order by r.seq limit :limit offset :offset");
        q.setParameter("county", imp.countyCode()).setParameter("id", id).setParameter("limit", limit)
                .setParameter("offset", offset);
        if (category != null) {
            q.setParameter("category", category.name());
        }
        if (township != null || !county) {
            part.bind(q);
        }
        List<Item> items = new ArrayList<>();
        long total = 0;
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            items.add(item(r));
            total = ((Number) r[11]).longValue();
        }
        return new Worklist(items, total);
    }

    /**
     * Registers an unsurveyed line's organization: name, code, kind (from the code) and township and
     * address from the register, its survey fields empty and its notes saying 待摸底; recorded with
     * {@code via} REGISTER. A line registered already, or not unsurveyed, is a 409.
     */
    @Transactional
    public OrganizationView register(long id, long item) {
        return register(find(id), item);
    }

    private OrganizationView register(Import imp, long item) {
        Item line = line(imp, item);
        if (line.category() != RegisterCategory.UNSURVEYED || line.done() != null) {
            throw ApiException.conflict("NOT_UNSURVEYED", Msg.t("register.notUnsurveyed", line.name()));
        }
        scope.changeRegistry(line.townshipCode());
        Kind kind = line.kind() != null ? line.kind() : "CIVIL".equals(imp.source()) ? Kind.OTHER_SOCIAL : Kind.OTHER_ECONOMIC;
        OrganizationInput in = new OrganizationInput(line.name(), line.uscc(), kind, line.townshipCode(), null,
                line.address(), null, null, null, Status.OPERATING, 0, 0, null, null, null, null, null, null, null, null,
                null, null, null, Msg.t("register.toSurvey", Msg.of("register.source.", imp.source()), imp.asOf()), null, null);
        OrganizationView view = organizations.create(in, "REGISTER");
        done(imp, item, "REGISTERED", view.id());
        return view;
    }

    /** What a bulk registration did. */
    public record Registered(int registered, List<Long> organizationIds) {
    }

    /**
     * Registers every unsurveyed line of a township not dealt with yet, all or none: the township's
     * survey template then lists them for its clerk.
     */
    @Transactional
    public Registered registerAll(long id, String township) {
        Import imp = find(id);
        if (township == null) {
            throw ApiException.invalid("township", Msg.t("register.townshipRequired"));
        }
        scope.changeRegistry(township);
        List<Long> made = new ArrayList<>();
        for (Object seq : em.createNativeQuery("select seq from register_row where county_code = :county and import_id = :id"
                        + " and category = 'UNSURVEYED' and done is null and township_code = :township order by seq")
                .setParameter("county", imp.countyCode()).setParameter("id", id).setParameter("township", township)
                .getResultList()) {
            made.add(register(imp, ((Number) seq).longValue()).id());
        }
        return new Registered(made.size(), made);
    }

    /** Closes the registry's organization of a close candidate (the register says it is gone), recorded with {@code via} REGISTER. */
    @Transactional
    public OrganizationView close(long id, long item) {
        Import imp = find(id);
        Item line = line(imp, item);
        if (line.category() != RegisterCategory.CLOSE_CANDIDATE || line.done() != null) {
            throw ApiException.conflict("NOT_CLOSE_CANDIDATE", Msg.t("register.notCloseCandidate", line.name()));
        }
        OrganizationView view = organizations.close(line.organizationId(), "REGISTER");
        done(imp, item, "CLOSED", view.id());
        return view;
    }

    /** One line of an import, if the caller sees it (else 404). */
    public Item item(long id, long item) {
        return line(find(id), item);
    }

    /** One line of an import, if the caller sees it (a line without a township is the county's). */
    private Item line(Import imp, long item) {
        List<?> rows = em.createNativeQuery("select " + LINE + " from register_row r"
                        + " where r.county_code = :county and r.import_id = :id and r.seq = :seq")
                .setParameter("county", imp.countyCode()).setParameter("id", imp.id()).setParameter("seq", item)
                .getResultList();
        Object[] r = rows.isEmpty() ? null : (Object[]) rows.get(0);
        if (r == null || (r[7] == null ? !scope.seesWhole(imp.countyCode()) : !scope.sees(imp.countyCode(), (String) r[7]))) {
            throw ApiException.notFound(Msg.t("register.lineWhat", item));
        }
        return item(r);
    }

    /** The columns {@link #LINE} selects, as an item. */
    private Item item(Object[] r) {
        return new Item(((Number) r[0]).longValue(), RegisterCategory.valueOf((String) r[1]), (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], r[6] == null ? null : Kind.valueOf((String) r[6]), (String) r[7],
                r[8] == null ? null : ((Number) r[8]).longValue(), read((String) r[9]), (String) r[10]);
    }

    /** The columns of a line, as {@link #item(Object[])} reads them. */
    private static final String LINE = "r.seq, r.category, r.uscc, r.name, r.address, r.register_status, r.kind,"
            + " r.township_code, r.organization_id, r.mismatches::text, r.done";

    private void done(Import imp, long item, String what, long organization) {
        em.createNativeQuery("update register_row set done = :done, organization_id = :org where county_code = :county"
                        + " and import_id = :id and seq = :seq")
                .setParameter("done", what).setParameter("org", organization).setParameter("county", imp.countyCode())
                .setParameter("id", imp.id()).setParameter("seq", item).executeUpdate();
    }

    private static int n(Map<RegisterCategory, Integer> counts, RegisterCategory c) {
        return counts.getOrDefault(c, 0);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, String>> read(String text) {
        try {
            return json.readValue(text, List.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
