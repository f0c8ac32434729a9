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
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
import java.util.Optional;
import java.util.Set;

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

    /**
     * One line of a worklist; {@code townshipVia} says how its township was found when its address did
     * not name it ("RULE 工业园区", "HAND <user>"), and {@code proposal} the registry organization whose
     * name is like its own, for a person to confirm.
     */
    public record Item(long id, RegisterCategory category, String uscc, String name, String address, String registerStatus,
                       Kind kind, String townshipCode, Long organizationId, List<Map<String, String>> mismatches,
                       String done, String townshipVia, Proposal proposal, InCampaign campaign) {

        /** How its township was found, as a page says it (按关键词“工业园区”指定), empty when by its address. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String townshipViaText() {
            if (townshipVia == null) {
                return "";
            }
            int space = townshipVia.indexOf(' ');
            return space < 0 ? townshipVia : Msg.t("register.via." + townshipVia.substring(0, space), townshipVia.substring(space + 1));
        }
    }

    /** The 摸底 campaign a line is listed in, whose templates list it for its township's clerk. */
    public record InCampaign(long id, String name, LocalDate deadline) {
    }

    /** A registry organization proposed as the same as a line, and how alike the names are (0.6–1). */
    public record Proposal(long organizationId, String name, String townshipCode, float score) {
    }

    public record Worklist(List<Item> items, long total) {
    }

    /** The days a register may be as of: from the People's Republic's first year to the last the service plans for. */
    public static final LocalDate EARLIEST_AS_OF = LocalDate.of(1949, 1, 1);
    public static final LocalDate LATEST_AS_OF = LocalDate.of(2100, 12, 31);

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
    private record Known(int at, long id, String uscc, String name, String township, String kind, boolean active) {
    }

    /**
     * Reads a register of the county the caller manages (its 党工委 or an administrator) and keeps it
     * as a dated snapshot with every line's category. The registry is not touched. The file is
     * streamed: each line is placed, matched and written with one {@code COPY} as it is read, so
     * that only the county's registry is held in memory.
     */
    public Import importFile(Path file, String fileName, String source, LocalDate asOf, String requestedCounty) {
        String countyCode = scope.manageCounty(requestedCounty);
        if (!"MARKET".equals(source) && !"CIVIL".equals(source)) {
            throw ApiException.invalid("source", Msg.t("register.source", source == null ? "" : source));
        }
        County county = scope.counties().stream().filter(c -> c.code().equals(countyCode)).findFirst().orElseThrow();
        Addresses addresses = new Addresses(county, scope.counties(), rules(county));
        // the file is opened and read, and each line placed in its township, in a thread of its own,
        // while the county's registry is read here
        try (ReadAhead<Placed> placed = new ReadAhead<>("register-read", each -> {
            try (RowSource rows = SurveyFiles.open(file, fileName, SurveyFiles.Limits.DEFAULTS)) {
                return RegisterFile.read(rows, l -> each.accept(new Placed(l, addresses.place(l.address(), l.uscc()))));
            }
        })) {
            return importFile(placed, countyCode, source, asOf, fileName, new Matcher(countyCode));
        }
    }

    private Import importFile(ReadAhead<Placed> placed, String countyCode, String source, LocalDate asOf, String fileName,
                              Matcher matcher) {
        long id;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                id = header(c, countyCode, source, asOf, fileName);
                Map<RegisterCategory, Integer> counts = new EnumMap<>(RegisterCategory.class);
                int[] mismatched = {0};
                int lines;
                PGCopyOutputStream copy = new PGCopyOutputStream(c.unwrap(PGConnection.class), "copy register_row (county_code,"
                        + " import_id, seq, row_number, uscc, name, register_status, active, address, register_type, kind,"
                        + " township_code, category, organization_id, mismatches, township_via, proposed_id, proposed_score)"
                        + " from stdin", 1 << 16);
                // the unmatched lines' names, for proposals once every line is matched (see Matcher.propose)
                List<Pending> pending = new ArrayList<>();
                try (Writer out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16)) {
                    int[] seq = {0};
                    String prefix = countyCode + "\t" + id + "\t";
                    lines = placed.forEach(p -> {
                        RegisterFile.Line l = p.line();
                        Classified k = matcher.classify(l, p.place());
                        counts.merge(k.category(), 1, Integer::sum);
                        if (!k.mismatches().isEmpty()) {
                            mismatched[0]++;
                        }
                        if (k.proposable()) {
                            pending.add(new Pending(seq[0] + 1, l.name()));
                        }
                        try {
                            out.write(prefix);
                            out.write(++seq[0] + "\t" + l.row());
                            for (Object v : new Object[]{cut(l.uscc(), 40), cut(l.name(), 300), cut(l.status(), 60),
                                    l.active(), cut(l.address(), 500), cut(l.type(), 100),
                                    k.kind() == null ? null : k.kind().name(), k.township(), k.category().name(),
                                    k.organization(), k.mismatches().isEmpty() ? "[]" : write(k.mismatches()),
                                    k.rule() == null ? null : cut("RULE " + k.rule(), 160), null, null}) {
                                out.write('\t');
                                cn.liangxin.database.CopyText.value(out, v);
                            }
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                } catch (SurveyFileException e) {
                    throw ApiException.invalid("file", e.getMessage());
                } catch (ApiException | IllegalStateException e) {
                    throw e;
                } catch (Exception e) {
                    throw ApiException.invalid("file", Msg.t("register.unreadable"));
                }
                propose(c, countyCode, id, matcher, pending);
                Summary summary = new Summary(lines, n(counts, RegisterCategory.MATCHED),
                        n(counts, RegisterCategory.CLOSE_CANDIDATE), n(counts, RegisterCategory.UNSURVEYED),
                        n(counts, RegisterCategory.UNASSIGNED), n(counts, RegisterCategory.INACTIVE),
                        n(counts, RegisterCategory.OUT_OF_SCOPE), mismatched[0]);
                try (PreparedStatement s = c.prepareStatement("update register_import set summary = ?::jsonb"
                        + " where county_code = ? and id = ?")) {
                    s.setString(1, write(summary));
                    s.setString(2, countyCode);
                    s.setLong(3, id);
                    s.executeUpdate();
                }
                c.commit();
            } catch (Throwable e) {
                // all or nothing, whatever was thrown: the pool would commit what is left open when
                // it puts the connection back in autocommit
                try {
                    c.rollback();
                } catch (SQLException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return get(id);
    }

    /** Where a line falls: its category, township, the registry organization it matched, and what differs. */
    private record Classified(RegisterCategory category, String township, Long organization, Kind kind,
                              List<Map<String, String>> mismatches, String rule, Similar.Match proposal) {

        /** Whether a line of this category is given a registry organization like it to confirm. */
        boolean proposable() {
            return category == RegisterCategory.UNSURVEYED || category == RegisterCategory.UNASSIGNED;
        }

        Classified proposing(Similar.Match match) {
            return new Classified(category, township, organization, kind, mismatches, rule, match);
        }
    }

    /** A line read, with the place its address names. */
    private record Placed(RegisterFile.Line line, Addresses.Place place) {
    }

    /** An unmatched line of an import being read: its number and name, to propose a registry organization for. */
    private record Pending(int seq, String name) {
    }

    /**
     * Gives the unmatched lines of an import just written their proposals, once every line is
     * matched: an organization another line of the register matched is not proposed.
     */
    private void propose(Connection c, String county, long importId, Matcher matcher, List<Pending> pending) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        for (Pending p : pending) {
            matcher.propose(p.name()).ifPresent(m -> {
                seqs.add((long) p.seq());
                ids.add(m.id());
                scores.add(m.score());
            });
        }
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("update register_row r set proposed_id = v.id, proposed_score = v.score"
                + " from unnest(?, ?, ?) v(seq, id, score) where r.county_code = ? and r.import_id = ? and r.seq = v.seq")) {
            s.setArray(1, c.createArrayOf("bigint", seqs.toArray()));
            s.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            s.setArray(3, c.createArrayOf("real", scores.toArray()));
            s.setString(4, county);
            s.setLong(5, importId);
            s.executeUpdate();
        }
    }

    /**
     * The county's registry as the lines of a register are held against it: by credit code, by name
     * in a township, by a name unique in the county, and by names like it (proposed only, among the
     * active organizations that no line of the register matched).
     */
    private final class Matcher {
        private final String countyCode;
        private final Map<String, Known> byUscc = new HashMap<>();
        private final Map<String, Known> byTownshipName = new HashMap<>();
        private final Map<String, Object> byName = new HashMap<>();
        private final List<Known> active = new ArrayList<>();
        /** The organizations lines of the register matched, by their place in the registry read: not proposed for another line. */
        private final java.util.BitSet matched = new java.util.BitSet();
        /** The names proposals are looked for among, built when the first is asked for. */
        private Similar similar;

        Matcher(String countyCode) {
            this.countyCode = countyCode;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("select id, uscc, name, township_code, kind, status <> 'CLOSED'"
                         + " from organization where county_code = ? order by id")) {
                s.setString(1, countyCode);
                s.setFetchSize(10_000);
                try (ResultSet r = s.executeQuery()) {
                    int at = 0;
                    while (r.next()) {
                        Known k = new Known(at++, r.getLong(1), r.getString(2), RegisterFile.key(r.getString(3)),
                                r.getString(4), r.getString(5), r.getBoolean(6));
                        // two organizations with one code or one name in a township: the active one, then the older
                        if (k.uscc() != null) byUscc.merge(k.uscc(), k, Matcher::preferred);
                        byTownshipName.merge(k.township() + "|" + k.name(), k, Matcher::preferred);
                        // a name's one organization, or the marker that several share it
                        byName.merge(k.name(), k, (a, b) -> Boolean.TRUE);
                        if (k.active()) {
                            active.add(k);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Known preferred(Known older, Known newer) {
            return older.active() || !newer.active() ? older : newer;
        }

        /** For lines of an import already stored: the organizations its lines matched are not proposed. */
        Matcher of(long importId) {
            Set<Long> ids = new java.util.HashSet<>();
            em.createNativeQuery("select organization_id from register_row where county_code = :county and import_id = :id"
                            + " and organization_id is not null")
                    .setParameter("county", countyCode).setParameter("id", importId).getResultList()
                    .forEach(o -> ids.add(((Number) o).longValue()));
            active.stream().filter(k -> ids.contains(k.id())).forEach(k -> matched.set(k.at()));
            return this;
        }

        /** The line's category and match, without a proposal (see {@link #propose}). */
        Classified classify(RegisterFile.Line l, Addresses.Place place) {
            Township township = place.township();
            String name = RegisterFile.key(l.name());
            Known match = l.uscc() == null ? null : byUscc.get(l.uscc());
            if (match == null && township != null) {
                match = byTownshipName.get(township.code() + "|" + name);
            }
            if (match == null && township == null && !place.otherCounty() && byName.get(name) instanceof Known only) {
                match = only;
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
            if (match != null) {
                matched.set(match.at());
            }
            Kind kind = Kind.of(l.uscc()).orElse(null);
            List<Map<String, String>> mismatches = match == null ? List.of() : mismatches(l.name(), name, kind, match.name(), match.kind());
            String township9 = township != null ? township.code() : match != null ? match.township() : null;
            return new Classified(category, township9, match == null ? null : match.id(), kind, mismatches,
                    place.township() == null ? null : place.rule(), null);
        }

        /** The line's category and match, with its proposal when it is unmatched (a line read again). */
        Classified classifyAndPropose(RegisterFile.Line l, Addresses.Place place) {
            Classified k = classify(l, place);
            return k.proposable() ? k.proposing(propose(l.name()).orElse(null)) : k;
        }

        /** The active organization not matched by another line whose name is most like this one, when alike enough. */
        Optional<Similar.Match> propose(String name) {
            if (similar == null) {
                similar = new Similar(scope.counties().stream().filter(c -> c.code().equals(countyCode)).findFirst()
                        .map(c -> Similar.placesOf(c.name())).orElse(List.of()));
                for (Known k : active) {
                    if (!matched.get(k.at())) {
                        similar.add(k.id(), k.name());
                    }
                }
            }
            return similar.best(RegisterFile.key(name));
        }

    }

    /** What a register line says differently from the registry organization it is matched to: its name, its kind. */
    private static List<Map<String, String>> mismatches(String name, String nameKey, Kind kind, String registryName,
                                                        String registryKind) {
        List<Map<String, String>> out = new ArrayList<>();
        if (!registryName.equals(nameKey)) {
            out.add(Map.of("field", "name", "register", name, "registry", registryName));
        }
        if (kind != null && registryKind != null && !kind.name().equals(registryKind)) {
            out.add(Map.of("field", "kind", "register", Msg.label(kind), "registry", Msg.label(Kind.valueOf(registryKind))));
        }
        return out;
    }

    /** The county's keyword rules, for its addresses. */
    private List<Addresses.Rule> rules(County county) {
        Map<String, Township> townships = new HashMap<>();
        county.townships().forEach(t -> townships.put(t.code(), t));
        List<Addresses.Rule> out = new ArrayList<>();
        for (Rule r : rules(county.code())) {
            Township t = townships.get(r.townshipCode());
            if (t != null) {
                out.add(new Addresses.Rule(r.keyword(), t));
            }
        }
        return out;
    }

    private long header(Connection c, String county, String source, LocalDate asOf, String fileName) throws SQLException {
        long id;
        try (PreparedStatement s = c.prepareStatement("select nextval('register_import_id_seq')"); ResultSet r = s.executeQuery()) {
            r.next();
            id = r.getLong(1);
        }
        try (PreparedStatement s = c.prepareStatement("insert into register_import (county_code, id, source, as_of,"
                + " file_name, imported_by, summary) values (?, ?, ?, ?, ?, ?, '{}'::jsonb)")) {
            s.setString(1, county);
            s.setLong(2, id);
            s.setString(3, source);
            s.setObject(4, asOf);
            s.setString(5, cut(fileName, 255));
            s.setString(6, caller.username());
            s.executeUpdate();
        }
        return id;
    }

    /** A county's keyword rule: an address containing {@code keyword} and naming no township is of {@code townshipCode}. */
    public record Rule(long id, String countyCode, String keyword, String townshipCode, String townshipName, String createdBy,
                       Instant createdAt) {
    }

    /** The keyword rules of a county, the longest keyword first. */
    private List<Rule> rules(String county) {
        List<Rule> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id, county_code, keyword, township_code, created_by, created_at"
                        + " from register_rule where county_code = :county order by length(keyword) desc, keyword", Tuple.class)
                .setParameter("county", county).getResultList()) {
            Tuple t = (Tuple) o;
            String code = (String) t.get(3);
            out.add(new Rule(((Number) t.get(0)).longValue(), (String) t.get(1), (String) t.get(2), code,
                    townshipName(code), (String) t.get(4),
                    t.get(5, Instant.class)));
        }
        return out;
    }

    private String townshipName(String code) {
        return scope.counties().stream().flatMap(c -> c.townships().stream()).filter(t -> t.code().equals(code))
                .map(Township::name).findFirst().orElse(code);
    }

    /** The keyword rules of the caller's counties. */
    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (County c : scope.counties()) {
            out.addAll(rules(c.code()));
        }
        return out;
    }

    /**
     * Adds a keyword rule to a county the caller manages and applies it at once to the lines of its
     * registers that are unassigned and not dealt with: those whose address contains the keyword take
     * the township and are matched again (by name in it), so that they reach its worklists. The rule
     * is kept for the next snapshots. A keyword the county has already is a 409.
     */
    @Transactional
    public Rule addRule(String keyword, String townshipCode, String requestedCounty) {
        String countyCode = scope.manageCounty(requestedCounty);
        County county = scope.counties().stream().filter(c -> c.code().equals(countyCode)).findFirst().orElseThrow();
        String k = keyword == null ? "" : RegisterFile.key(keyword);
        if (k.length() < 2 || k.length() > 100) {
            throw ApiException.invalid("keyword", Msg.t("register.rule.keyword"));
        }
        Township township = county.townships().stream().filter(t -> t.code().equals(townshipCode)).findFirst()
                .orElseThrow(() -> ApiException.invalid("townshipCode", Msg.t("register.rule.township", county.name())));
        String simplified = Addresses.simplified(k);
        if (rules(countyCode).stream().anyMatch(r -> Addresses.simplified(r.keyword()).equals(simplified))) {
            throw ApiException.conflict("RULE_EXISTS", Msg.t("register.rule.exists", k));
        }
        long id = ((Number) em.createNativeQuery("select nextval('register_rule_id_seq')").getSingleResult()).longValue();
        em.createNativeQuery("insert into register_rule (county_code, id, keyword, township_code, created_by)"
                        + " values (:county, :id, :keyword, :township, :by)")
                .setParameter("county", countyCode).setParameter("id", id).setParameter("keyword", k)
                .setParameter("township", township.code()).setParameter("by", caller.username()).executeUpdate();
        // per import: its lines' matches are not proposed for another of its lines
        Map<Long, Matcher> matchers = new HashMap<>();
        Set<Long> imports = new java.util.HashSet<>();
        for (Object o : em.createNativeQuery("select " + REREAD + " from register_row r where r.county_code = :county"
                + " and r.category = 'UNASSIGNED' and r.done is null").setParameter("county", countyCode).getResultList()) {
            Object[] r = (Object[]) o;
            RegisterFile.Line line = line(r);
            if (line.address() != null && Addresses.simplified(line.address()).contains(simplified)) {
                long importId = ((Number) r[0]).longValue();
                reclassify(countyCode, importId, ((Number) r[1]).longValue(), matchers.computeIfAbsent(importId,
                        i -> new Matcher(countyCode).of(i)).classifyAndPropose(line, new Addresses.Place(false, township, k)), "RULE " + k);
                imports.add(importId);
            }
        }
        imports.forEach(i -> refreshSummary(countyCode, i));
        return rules(countyCode).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /** Removes a keyword rule; the lines it placed keep their township (they say which rule placed them). */
    @Transactional
    public void deleteRule(long id) {
        Rule rule = rules().stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> ApiException.notFound(Msg.t("register.rule.what", id)));
        scope.manageCounty(rule.countyCode());
        em.createNativeQuery("delete from register_rule where county_code = :county and id = :id")
                .setParameter("county", rule.countyCode()).setParameter("id", id).executeUpdate();
    }

    /**
     * Gives an unassigned line the township a person knows it is in (the county's 党工委), and matches
     * it again by name there. A line that is not unassigned, or was dealt with, is a 409.
     */
    @Transactional
    public Item assign(long id, long item, String townshipCode) {
        Import imp = find(id);
        scope.manageCounty(imp.countyCode());
        Item line = line(imp, item);
        if (line.category() != RegisterCategory.UNASSIGNED || line.done() != null) {
            throw ApiException.conflict("NOT_UNASSIGNED", Msg.t("register.notUnassigned", line.name()));
        }
        County county = scope.counties().stream().filter(c -> c.code().equals(imp.countyCode())).findFirst().orElseThrow();
        Township township = county.townships().stream().filter(t -> t.code().equals(townshipCode)).findFirst()
                .orElseThrow(() -> ApiException.invalid("townshipCode", Msg.t("register.rule.township", county.name())));
        Object[] r = (Object[]) em.createNativeQuery("select " + REREAD + " from register_row r where r.county_code = :county"
                        + " and r.import_id = :id and r.seq = :seq").setParameter("county", imp.countyCode())
                .setParameter("id", id).setParameter("seq", item).getSingleResult();
        reclassify(imp.countyCode(), id, item, new Matcher(imp.countyCode()).of(id).classifyAndPropose(line(r),
                new Addresses.Place(false, township, null)), "HAND " + caller.username());
        refreshSummary(imp.countyCode(), id);
        return line(imp, item);
    }

    /**
     * Confirms that an unsurveyed or unassigned line is an organization of the registry written
     * differently (the proposal shown, or another the person names): the line becomes matched to
     * it, with the differences shown. The registry is not changed. A line matched or dealt with
     * already is a 409; an organization the caller does not see is a 404.
     */
    @Transactional
    public Item confirmMatch(long id, long item, long organizationId) {
        Import imp = find(id);
        Item line = line(imp, item);
        if ((line.category() != RegisterCategory.UNSURVEYED && line.category() != RegisterCategory.UNASSIGNED)
                || line.done() != null) {
            throw ApiException.conflict("NOT_UNMATCHED", Msg.t("register.notUnmatched", line.name()));
        }
        cn.liangxin.organization.Organization org = organizations.find(organizationId);
        if (!org.countyCode.equals(imp.countyCode())) {
            throw ApiException.notFound(Msg.t("register.orgWhat", organizationId));
        }
        scope.changeRegistry(org.townshipCode);
        Kind kind = line.kind();
        List<Map<String, String>> mismatches = mismatches(line.name(), RegisterFile.key(line.name()), kind,
                RegisterFile.key(org.name), org.kind == null ? null : org.kind.name());
        em.createNativeQuery("update register_row set category = 'MATCHED', organization_id = :org, township_code = :township,"
                        + " mismatches = cast(:mismatches as jsonb), done = 'CONFIRMED' where county_code = :county"
                        + " and import_id = :id and seq = :seq")
                .setParameter("org", org.id).setParameter("township", org.townshipCode)
                .setParameter("mismatches", write(mismatches)).setParameter("county", imp.countyCode())
                .setParameter("id", id).setParameter("seq", item).executeUpdate();
        refreshSummary(imp.countyCode(), id);
        return line(imp, item);
    }

    /** What a bulk closing did. */
    public record Closed(int closed, List<Long> organizationIds) {
    }

    /**
     * Closes the organizations of every close candidate of a township not dealt with yet, all or none
     * (the register says they are gone), each recorded with {@code via} REGISTER.
     */
    @Transactional
    public Closed closeAll(long id, String township) {
        Import imp = find(id);
        if (township == null) {
            throw ApiException.invalid("township", Msg.t("register.townshipRequired"));
        }
        scope.changeRegistry(township);
        List<Long> closed = new ArrayList<>();
        for (Object seq : em.createNativeQuery("select seq from register_row where county_code = :county and import_id = :id"
                        + " and category = 'CLOSE_CANDIDATE' and done is null and township_code = :township order by seq")
                .setParameter("county", imp.countyCode()).setParameter("id", id).setParameter("township", township)
                .getResultList()) {
            closed.add(close(imp, ((Number) seq).longValue()).id());
        }
        return new Closed(closed.size(), closed);
    }

    /** The columns a line is read again by {@link #line(Object[])} from (after the import and seq). */
    private static final String REREAD = "r.import_id, r.seq, r.row_number, r.uscc, r.name, r.register_status, r.active,"
            + " r.address, r.register_type";

    private static RegisterFile.Line line(Object[] r) {
        return new RegisterFile.Line(((Number) r[2]).intValue(), (String) r[3], (String) r[4], (String) r[5],
                (Boolean) r[6], (String) r[7], (String) r[8]);
    }

    /** Writes a line's new place and category. */
    private void reclassify(String county, long importId, long seq, Classified k, String via) {
        em.createNativeQuery("update register_row set category = :category, township_code = :township,"
                        + " organization_id = :org, mismatches = cast(:mismatches as jsonb), township_via = :via,"
                        + " proposed_id = :proposed, proposed_score = :score"
                        + " where county_code = :county and import_id = :id and seq = :seq")
                .setParameter("category", k.category().name()).setParameter("township", k.township())
                .setParameter("org", k.organization()).setParameter("mismatches", write(k.mismatches()))
                .setParameter("via", cut(via, 160))
                .setParameter("proposed", k.proposal() == null ? null : k.proposal().id())
                .setParameter("score", k.proposal() == null ? null : k.proposal().score())
                .setParameter("county", county).setParameter("id", importId).setParameter("seq", seq).executeUpdate();
    }

    /** Counts an import's lines again after people placed or matched some. */
    private void refreshSummary(String county, long importId) {
        // counted, then written as a value: a distributed database (Citus) builds no JSON inside an UPDATE
        Object[] n = (Object[]) em.createNativeQuery("select" + COUNTS + " from register_row r"
                        + " where r.county_code = :county and r.import_id = :id")
                .setParameter("county", county).setParameter("id", importId).getSingleResult();
        String[] keys = {"rows", "matched", "closeCandidates", "unsurveyed", "unassigned", "inactive", "outOfScope", "mismatches"};
        com.fasterxml.jackson.databind.node.ObjectNode summary = json.createObjectNode();
        for (int i = 0; i < keys.length; i++) {
            summary.put(keys[i], ((Number) n[i]).longValue());
        }
        em.createNativeQuery("update register_import set summary = cast(:summary as jsonb) where county_code = :county and id = :id")
                .setParameter("summary", summary.toString()).setParameter("county", county).setParameter("id", importId)
                .executeUpdate();
    }

    /** How the lines of {@code register_row r} fall, in the order of {@link Summary}'s fields. */
    private static final String COUNTS = """
             count(*) as n_rows, count(*) filter (where r.category = 'MATCHED') as matched,
             count(*) filter (where r.category = 'CLOSE_CANDIDATE') as close,
             count(*) filter (where r.category = 'UNSURVEYED') as unsurveyed,
             count(*) filter (where r.category = 'UNASSIGNED') as unassigned,
             count(*) filter (where r.category = 'INACTIVE') as inactive,
             count(*) filter (where r.category = 'OUT_OF_SCOPE') as out_of_scope,
             count(*) filter (where r.mismatches <> '[]'::jsonb) as mismatches
            """;

    /**
     * An import that finished: its summary counts its lines. The header row an import writes first
     * holds no counts until its last line is written, in the same transaction; one without them
     * (left by a failure before imports were all or nothing) is not listed, read or compared with.
     */
    private static final String FINISHED = "(summary -> 'rows') is not null";

    /** The imports of the caller's counties, newest first. */
    public List<Import> list() {
        List<Import> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id from register_import where county_code in (:counties)"
                        + " and " + FINISHED + " order by imported_at desc, id desc")
                .setParameter("counties", scope.counties().stream().map(County::code).toList()).getResultList()) {
            Import i = listed(((Number) o).longValue());
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * An import with what changed since the previous snapshot of its register. Who sees part of its
     * county (a township's clerk) is given the summary of her townships' lines only.
     */
    public Import get(long id) {
        Import i = find(id);
        return new Import(i.id(), i.countyCode(), i.source(), i.asOf(), i.fileName(), i.importedBy(), i.importedAt(),
                scope.seesWhole(i.countyCode()) ? i.summary() : partSummary(i), sinceLast(id, i.countyCode(), i.source()));
    }

    /** The summary of an import's lines in the caller's townships. */
    private Summary partSummary(Import i) {
        Scope.Part part = scope.part(i.countyCode(), null);
        Object[] n = (Object[]) part.bind(em.createNativeQuery("select" + COUNTS
                        + " from register_row r where r.county_code = :county and r.import_id = :id and " + part.sql("r")))
                .setParameter("county", i.countyCode()).setParameter("id", i.id()).getSingleResult();
        int[] c = new int[n.length];
        for (int k = 0; k < n.length; k++) {
            c[k] = ((Number) n[k]).intValue();
        }
        return new Summary(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
    }

    /** An import the caller's counties hold (else 404), without the comparison with the previous one. */
    private Import find(long id) {
        List<?> rows = em.createNativeQuery("select county_code, source, as_of, file_name, imported_by, imported_at,"
                + " summary::text from register_import where id = :id and " + FINISHED, Tuple.class).setParameter("id", id)
                .getResultList();
        if (rows.isEmpty() || scope.counties().stream().noneMatch(c -> c.code().equals(((Tuple) rows.get(0)).get(0)))) {
            throw ApiException.notFound(Msg.t("register.what", id));
        }
        Tuple t = (Tuple) rows.get(0);
        Summary summary;
        try {
            summary = json.readValue((String) t.get(6), Summary.class);
        } catch (JsonProcessingException e) {
            summary = null;
        }
        if (summary == null) {
            // counts that do not read are an import that did not finish: as absent as one that never began
            throw ApiException.notFound(Msg.t("register.what", id));
        }
        return new Import(id, (String) t.get(0), (String) t.get(1), t.get(2, LocalDate.class), (String) t.get(3),
                (String) t.get(4), t.get(5, Instant.class), summary, null);
    }

    /** An import for a list: null when its record is odd (see {@link #find}), so that one odd record hides itself only. */
    private Import listed(long id) {
        try {
            return get(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private SinceLast sinceLast(long id, String county, String source) {
        List<?> previous = em.createNativeQuery("select id, as_of from register_import where county_code = :county"
                        + " and source = :source and id < :id and " + FINISHED + " order by id desc limit 1")
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
        return new SinceLast(before, date(p[1]),
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
        return worklist(id, category, township, false, offset, limit);
    }

    /** As {@link #worklist(long, RegisterCategory, String, int, int)}; {@code open}: only lines nobody dealt with yet. */
    public Worklist worklist(long id, RegisterCategory category, String township, boolean open, int offset, int limit) {
        Import imp = find(id);
        Scope.Part part = scope.part(imp.countyCode(), township);
        boolean county = scope.seesWhole(imp.countyCode());
        String where = "r.county_code = :county and r.import_id = :id"
                + (category == null ? "" : " and r.category = :category")
                + (open ? " and r.done is null" : "")
                + (township != null || !county ? " and " + part.sql("r") : "");
        jakarta.persistence.Query q = em.createNativeQuery("select " + LINE
                + ", count(*) over () from register_row r" + PROPOSED + " where " + where
                + " order by r.seq limit :limit offset :offset");
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
            total = ((Number) r[19]).longValue();
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

    /**
     * What a bulk registration did; {@code leftForReview}: lines it did not register because a registry
     * organization with a name like theirs waits for a person to say whether it is the same.
     */
    public record Registered(int registered, List<Long> organizationIds, int leftForReview) {
    }

    /**
     * Registers every unsurveyed line of a township not dealt with yet, all or none: the township's
     * survey template then lists them for its clerk. Lines with a proposal are left for a person.
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
                        + " and category = 'UNSURVEYED' and done is null and township_code = :township and not exists ("
                        + " select 1 from organization p where p.county_code = register_row.county_code and p.id = proposed_id"
                        + " and p.status <> 'CLOSED') order by seq")
                .setParameter("county", imp.countyCode()).setParameter("id", id).setParameter("township", township)
                .getResultList()) {
            made.add(register(imp, ((Number) seq).longValue()).id());
        }
        int left = ((Number) em.createNativeQuery("select count(*) from register_row where county_code = :county"
                        + " and import_id = :id and category = 'UNSURVEYED' and done is null and township_code = :township")
                .setParameter("county", imp.countyCode()).setParameter("id", id).setParameter("township", township)
                .getSingleResult()).intValue();
        return new Registered(made.size(), made, left);
    }

    /** Closes the registry's organization of a close candidate (the register says it is gone), recorded with {@code via} REGISTER. */
    @Transactional
    public OrganizationView close(long id, long item) {
        return close(find(id), item);
    }

    private OrganizationView close(Import imp, long item) {
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
        List<?> rows = em.createNativeQuery("select " + LINE + " from register_row r" + PROPOSED
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
        Proposal proposal = r[12] == null || r[14] == null ? null : new Proposal(((Number) r[12]).longValue(), (String) r[14],
                (String) r[15], ((Number) r[13]).floatValue());
        return new Item(((Number) r[0]).longValue(), RegisterCategory.valueOf((String) r[1]), (String) r[2], (String) r[3],
                (String) r[4], (String) r[5], r[6] == null ? null : Kind.valueOf((String) r[6]), (String) r[7],
                r[8] == null ? null : ((Number) r[8]).longValue(), read((String) r[9]), (String) r[10], (String) r[11],
                proposal, r[16] == null || r[17] == null ? null : new InCampaign(((Number) r[16]).longValue(), (String) r[17],
                date(r[18])));
    }

    /**
     * The columns of a line, as {@link #item(Object[])} reads them (from {@code register_row r} with
     * {@link #PROPOSED}); a proposal is shown while the line is unmatched and its organization active.
     */
    private static final String LINE = "r.seq, r.category, r.uscc, r.name, r.address, r.register_status, r.kind,"
            + " r.township_code, r.organization_id, r.mismatches::text, r.done, r.township_via,"
            + " r.proposed_id, r.proposed_score, p.name, p.township_code, r.campaign_id, c.name, c.deadline";
    /** The proposed organization of a line, when it is still to be confirmed, and the campaign it is listed in. */
    private static final String PROPOSED = " left join organization p on p.county_code = r.county_code and p.id = r.proposed_id"
            + " and p.status <> 'CLOSED'"
            + " and r.done is null and r.category in ('UNSURVEYED', 'UNASSIGNED')"
            + " left join survey_campaign c on c.county_code = r.county_code and c.id = r.campaign_id";

    private void done(Import imp, long item, String what, long organization) {
        em.createNativeQuery("update register_row set done = :done, organization_id = :org where county_code = :county"
                        + " and import_id = :id and seq = :seq")
                .setParameter("done", what).setParameter("org", organization).setParameter("county", imp.countyCode())
                .setParameter("id", imp.id()).setParameter("seq", item).executeUpdate();
    }

    /** A date column as the driver gives it (java.sql.Date, or LocalDate). */
    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
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

    /** What listing a township's unsurveyed lines in a campaign did; {@code leftForReview} as in a bulk registration. */
    public record Listed(int listed, InCampaign campaign, int leftForReview) {
    }

    /**
     * Lists the unsurveyed lines of a township not dealt with yet in a 摸底 campaign of the county that
     * is still open and includes the township: the township's survey templates then list them for its
     * clerk, with the register's name, code, kind and address. Lines with a proposal are left for a
     * person; a line listed in another campaign moves to this one.
     */
    @Transactional
    public Listed listInCampaign(long id, String township, long campaignId) {
        Import imp = find(id);
        if (township == null) {
            throw ApiException.invalid("township", Msg.t("register.townshipRequired"));
        }
        scope.changeRegistry(township);
        List<?> found = em.createNativeQuery("select name, deadline, townships, closed_at from survey_campaign"
                        + " where county_code = :county and id = :campaign")
                .setParameter("county", imp.countyCode()).setParameter("campaign", campaignId).getResultList();
        if (found.isEmpty()) {
            throw ApiException.invalid("campaignId", Msg.t("campaign.what", campaignId));
        }
        Object[] c = (Object[]) found.get(0);
        InCampaign campaign = new InCampaign(campaignId, (String) c[0],
                date(c[1]));
        if (campaign.deadline().isBefore(cn.liangxin.time.Days.today())) {
            throw ApiException.invalid("campaignId", Msg.t("register.campaign.closed", campaign.name(), campaign.deadline()));
        }
        if (c[3] != null) {
            throw ApiException.invalid("campaignId", Msg.t("campaign.closed", campaign.name()));
        }
        if (!List.of(((String) c[2]).split(",")).contains(township)) {
            throw ApiException.invalid("campaignId", Msg.t("register.campaign.notTownship", campaign.name(), townshipName(township)));
        }
        String lines = " where county_code = :county and import_id = :id and category = 'UNSURVEYED'"
                + " and done is null and township_code = :township";
        int listed = em.createNativeQuery("update register_row set campaign_id = :campaign" + lines
                        + " and campaign_id is distinct from :campaign and not exists (select 1 from organization p"
                        + " where p.county_code = register_row.county_code and p.id = proposed_id and p.status <> 'CLOSED')")
                .setParameter("campaign", campaignId).setParameter("county", imp.countyCode()).setParameter("id", id)
                .setParameter("township", township).executeUpdate();
        int left = ((Number) em.createNativeQuery("select count(*) from register_row" + lines + " and campaign_id is distinct from :campaign")
                .setParameter("campaign", campaignId).setParameter("county", imp.countyCode()).setParameter("id", id)
                .setParameter("township", township).getSingleResult()).intValue();
        return new Listed(listed, campaign, left);
    }

    /** The county's 摸底 campaigns still open that include the township: where its lines may be listed. */
    public List<InCampaign> openCampaigns(String county, String township) {
        List<InCampaign> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select id, name, deadline from survey_campaign where county_code = :county"
                        + " and deadline >= :today and closed_at is null and :township = any(string_to_array(townships, ','))"
                        + " order by deadline, id")
                .setParameter("county", county).setParameter("today", cn.liangxin.time.Days.today())
                .setParameter("township", township).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new InCampaign(((Number) r[0]).longValue(), (String) r[1],
                    date(r[2])));
        }
        return out;
    }

    /**
     * Whether registry organization {@code o} (of the line's county) is register line {@code r}'s,
     * come into the registry after the line was read: active, and the same code, or the same name in
     * the township when either has no code.
     */
    /**
     * The registry's organizations of the county bound to {@code :county} that a register line
     * {@code r} names: by its code, and by its name in its township where either has no code. Two
     * lookups, each by its own index (one join on both conditions probed the name's trigram index,
     * seconds a survey commit), each naming the county (on Citus, a subquery that does not is sent to
     * every shard).
     */
    private static final String BY_CODE = """
            select min(o.id) as id from organization o
            where o.county_code = r.county_code and o.county_code = :county and o.uscc = r.uscc and o.status <> 'CLOSED'""";
    private static final String BY_NAME = """
            select min(o.id) as id from organization o
            where o.county_code = r.county_code and o.county_code = :county and o.name = r.name and o.township_code = r.township_code
              and (r.uscc is null or o.uscc is null) and o.status <> 'CLOSED'""";

    /** A register line a campaign lists for a township's survey: what the template pre-fills, and whence. */
    public record ToSurvey(String name, String uscc, Kind kind, String address, String source, LocalDate asOf) {
    }

    /**
     * The lines listed in the township's open campaigns that are still to be surveyed: not dealt with,
     * and no organization of the registry has their code, or their name in the township. One line per
     * organization (by code, else by name), from the newest snapshot.
     */
    public List<ToSurvey> toSurvey(String township) {
        List<ToSurvey> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("""
                        select distinct on (coalesce(r.uscc, r.name)) r.name, r.uscc, r.kind, r.address, i.source, i.as_of
                        from register_row r
                        join register_import i on i.county_code = r.county_code and i.id = r.import_id
                        join survey_campaign c on c.county_code = r.county_code and c.id = r.campaign_id
                        where r.county_code = :county and r.township_code = :township and r.campaign_id is not null
                          and r.category = 'UNSURVEYED' and r.done is null and c.deadline >= :today and c.closed_at is null
                          and (""" + BY_CODE + """
                        ) is null and (""" + BY_NAME + """
                        ) is null
                        order by coalesce(r.uscc, r.name), i.as_of desc, i.id desc""")
                .setParameter("county", township.substring(0, 6)).setParameter("township", township)
                .setParameter("today", cn.liangxin.time.Days.today()).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new ToSurvey((String) r[0], (String) r[1], r[2] == null ? null : Kind.valueOf((String) r[2]),
                    (String) r[3], (String) r[4], date(r[5])));
        }
        out.sort(java.util.Comparator.comparing(ToSurvey::name));
        return out;
    }

    /**
     * Unsurveyed lines whose organization has come into the registry since (a survey, the form): they
     * are matched to it (by code, else by name in the township) and marked SURVEYED; the imports'
     * summaries are counted again. One statement per county, in the writing transaction.
     */
    void found(@jakarta.enterprise.event.Observes cn.liangxin.organization.RegistryGrew grew) {
        @SuppressWarnings("unchecked")
        List<Object> imports = em.createNativeQuery("""
                        with hit as (
                            select r.import_id, r.seq, least(code.id, name.id) as org
                            from register_row r
                            left join lateral (""" + BY_CODE + """
                            ) code on true
                            left join lateral (""" + BY_NAME + """
                            ) name on true
                            where r.county_code = :county and r.category = 'UNSURVEYED' and r.done is null
                              and coalesce(code.id, name.id) is not null)
                        update register_row r set category = 'MATCHED', organization_id = hit.org, done = 'SURVEYED'
                        from hit where r.county_code = :county and r.import_id = hit.import_id and r.seq = hit.seq
                        returning r.import_id""")
                .setParameter("county", grew.countyCode()).getResultList();
        imports.stream().map(n -> ((Number) n).longValue()).distinct().forEach(i -> refreshSummary(grew.countyCode(), i));
    }

    /** A register's lines a township's clerk has to act on: to survey, and to confirm closed. */
    public record Todo(Import register, Worklist unsurveyed, Worklist closing) {
    }

    /**
     * The clerk's to-do: of the newest snapshot of each register of her counties, the lines of her
     * townships nobody dealt with yet, at most {@code limit} of each kind (the worklist has the rest).
     */
    public List<Todo> todo(int limit) {
        List<Todo> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select distinct on (county_code, source) id from register_import"
                        + " where county_code in (:counties) and " + FINISHED + " order by county_code, source, as_of desc, id desc")
                .setParameter("counties", scope.counties().stream().map(County::code).toList()).getResultList()) {
            long id = ((Number) o).longValue();
            Import i = listed(id);
            if (i == null) {
                continue;
            }
            out.add(new Todo(i, worklist(id, RegisterCategory.UNSURVEYED, null, true, 0, limit),
                    worklist(id, RegisterCategory.CLOSE_CANDIDATE, null, true, 0, limit)));
        }
        return out;
    }
}
