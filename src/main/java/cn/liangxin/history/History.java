package cn.liangxin.history;

import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.Fields;
import cn.liangxin.web.Msg;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The registry's history, kept by the database (see V5__history.sql): who each change is recorded
 * for, the instant a report "as of" a day reads, and the timelines of organizations and party
 * organizations.
 */
@ApplicationScoped
public class History {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    private static final ZoneId ZONE = cn.liangxin.time.Days.ZONE;

    /** Columns every version carries that say nothing about the organization itself. */
    private static final Set<String> BOOKKEEPING = Set.of("county_code", "id", "version", "created_at", "created_by",
            "updated_at", "updated_by", "updated_via");

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZONE);

    private final EntityManager em;
    private final Caller caller;
    private final ObjectMapper json;
    private final Clock clock = Clock.system(ZONE);

    public History(EntityManager em, Caller caller, ObjectMapper json) {
        this.em = em;
        this.caller = caller;
        this.json = json;
    }

    /**
     * Tells the database who is changing the registry in this transaction and from where (API or
     * FORM), for what the rows themselves do not say: deletions and coverage links.
     */
    public void stamp() {
        // SET LOCAL, not set_config(): a distributed database (Citus) passes SET LOCAL on to the workers
        // where the history triggers run
        String sql = "set local liangxin.actor = " + literal(caller.username() == null ? "" : caller.username())
                + "; set local liangxin.via = " + literal(caller.via());
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(sql);
            }
        });
    }

    /** A string constant of SQL (standard strings: only the quote doubled; no NUL in a setting). */
    private static String literal(String value) {
        return "'" + value.replace("\0", "").replace("'", "''") + "'";
    }

    /** The day a report is asked for, and the instant it reads: the end of that day in Asia/Shanghai. */
    public record AsOf(LocalDate date, Instant instant) {
    }

    /**
     * The {@code asOf} query parameter: null when absent (the registry as it stands). Not a date,
     * a day still to come or a day before history begins is a 400 naming the parameter.
     */
    public AsOf asOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("asOf", Msg.t("history.asOf.notADate", Fields.label("asOf"), value));
        }
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw ApiException.invalid("asOf", Msg.t("history.asOf.future", Fields.label("asOf"), date, today));
        }
        LocalDate first = firstDay();
        if (first == null ? date.isBefore(today) : date.isBefore(first)) {
            throw ApiException.invalid("asOf", Msg.t("history.asOf.beforeHistory", Fields.label("asOf"), date,
                    first == null ? today : first));
        }
        return new AsOf(date, endOf(date));
    }

    private static Instant endOf(LocalDate date) {
        return cn.liangxin.time.Days.endOf(date);
    }

    /** The first day anything of the caller's counties was recorded, null when nothing was. */
    public LocalDate firstDay() {
        // county by county, so that each minimum is one probe of the V9 indexes (a province has 100+ counties),
        // each naming its county as a value: on a cluster, one shard's question
        List<String> counties = scope.part().isEmpty() ? List.of("") : scope.part().counties();
        StringBuilder sql = new StringBuilder("select least(");
        for (int i = 0; i < counties.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(select min(lower(valid)) from organization_history where county_code = :c").append(i).append("),")
                    .append(" (select min(lower(valid)) from party_organization_history where county_code = :c").append(i).append(")");
        }
        jakarta.persistence.Query q = em.createNativeQuery(sql.append(")").toString());
        for (int i = 0; i < counties.size(); i++) {
            q.setParameter("c" + i, counties.get(i));
        }
        Object first = q.getSingleResult();
        Instant at = instant(first);
        return at == null ? null : at.atZone(ZONE).toLocalDate();
    }

    /** One recorded change of a record: who, when, from where and each field's old and new value. */
    public record Entry(Instant at, String by, String via, Action action, List<Change> changes) {

        /** The via as a person reads it: the form, the API, or which import and row. */
        public String viaText() {
            return Via.text(via);
        }

        public String byText() {
            return by == null ? Msg.t("history.via.unknown") : by;
        }

        public String actionText() {
            return Msg.t("history.action." + action.name());
        }

        public String atText() {
            return WHEN.format(at);
        }
    }

    /** What a timeline entry did to the record. */
    public enum Action {
        /** The record as it stood when history began; earlier changes were not recorded. */
        RECORDED,
        CREATED,
        CHANGED,
        DELETED
    }

    /** One field of a change, named as the API names it. */
    public record Change(String field, Object oldValue, Object newValue) {

        public String label() {
            return Fields.label(field);
        }

        public String oldText() {
            return Values.text(field, oldValue);
        }

        public String newText() {
            return Values.text(field, newValue);
        }
    }

    /** An organization's timeline, newest first; 404 unless the caller may see it (also once deleted). */
    public List<Entry> organization(long id, List<String> fieldOrder) {
        List<Entry> entries = new ArrayList<>(timeline("organization_history", id, Msg.t("org.what", id), fieldOrder));
        entries.addAll(coverage(id));
        entries.sort(java.util.Comparator.comparing(Entry::at).reversed());
        return entries;
    }

    /**
     * When the organization came under a party organization's coverage and when it left it
     * (field {@code partyOrganization}, the party organization's name as it was then).
     */
    private List<Entry> coverage(long id) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select lower(h.valid) as since, upper(h.valid) as until,"
                        + " (h.data->>'active')::boolean as active, h.changed_by, h.changed_via, h.ended_by, h.ended_via,"
                        + " h.baseline, (select p.data->>'name' from party_organization_history p"
                        + " where p.county_code = h.county_code and p.county_code in (:counties) and p.id = h.party_organization_id"
                        + " order by lower(p.valid) desc limit 1) as party"
                        + " from party_organization_coverage_history h"
                        + " where h.county_code in (:counties) and h.organization_id = :id order by lower(h.valid)", Tuple.class)
                .setParameter("counties", scope.part().isEmpty() ? List.of("") : scope.part().counties())
                .setParameter("id", id)
                .getResultList();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Tuple t = rows.get(i);
            String party = (String) t.get("party");
            boolean active = Boolean.TRUE.equals(t.get("active"));
            if (!Boolean.TRUE.equals(t.get("baseline"))) {
                entries.add(new Entry(instant(t.get("since")), (String) t.get("changed_by"), (String) t.get("changed_via"),
                        Action.CHANGED, List.of(active ? new Change("partyOrganization", null, party)
                        : new Change("partyOrganization", party, null))));
            }
            Instant until = instant(t.get("until"));
            boolean continued = until != null && i + 1 < rows.size()
                    && !instant(rows.get(i + 1).get("since")).isAfter(until);
            if (until != null && active && !continued) {
                entries.add(new Entry(until, (String) t.get("ended_by"), (String) t.get("ended_via"), Action.CHANGED,
                        List.of(new Change("partyOrganization", party, null))));
            }
        }
        return entries;
    }

    /** A party organization's timeline, newest first. */
    public List<Entry> partyOrganization(long id, List<String> fieldOrder) {
        return timeline("party_organization_history", id, Msg.t("party.what", id), fieldOrder);
    }

    /** Changes are listed in the order the API lists the fields. */
    /** The fields of an input record in the order the API lists them: the order of a timeline's changes. */
    public static List<String> fields(Class<? extends Record> input) {
        return java.util.Arrays.stream(input.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList();
    }

    private List<Entry> timeline(String table, long id, String what, List<String> order) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("select lower(valid) as since, upper(valid) as until, data::text as data,"
                        + " changed_by, changed_via, ended_by, ended_via, baseline from " + table
                        + " where county_code in (:counties) and id = :id order by lower(valid)", Tuple.class)
                .setParameter("counties", scope.part().isEmpty() ? List.of("") : scope.part().counties())
                .setParameter("id", id)
                .getResultList();
        if (rows.isEmpty()) {
            throw ApiException.notFound(what);
        }
        JsonNode latest = read(rows.get(rows.size() - 1));
        if (!scope.sees(latest.path("township_code").asText())) {
            throw ApiException.notFound(what);
        }
        List<Entry> entries = new ArrayList<>();
        JsonNode before = null;
        for (int i = 0; i < rows.size(); i++) {
            Tuple t = rows.get(i);
            JsonNode data = read(t);
            Action action = Boolean.TRUE.equals(t.get("baseline")) ? Action.RECORDED
                    : before == null ? Action.CREATED : Action.CHANGED;
            List<Change> changes = diff(before, data, order);
            // a save that changed no field of the record (only who or from where) is not worth a line
            if (action != Action.CHANGED || !changes.isEmpty()) {
                entries.add(new Entry(instant(t.get("since")), (String) t.get("changed_by"),
                        (String) t.get("changed_via"), action, changes));
            }
            Instant until = instant(t.get("until"));
            // a version that ends without the next one starting then was deleted
            boolean deleted = until != null && (i == rows.size() - 1 || instant(rows.get(i + 1).get("since")).isAfter(until));
            if (deleted) {
                entries.add(new Entry(until, (String) t.get("ended_by"), (String) t.get("ended_via"), Action.DELETED,
                        List.of()));
            }
            before = deleted ? null : data;
        }
        Collections.reverse(entries);
        return entries;
    }

    private JsonNode read(Tuple t) {
        try {
            return json.readTree((String) t.get("data"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fields that differ, in the API's order; all non-empty fields of a first version. */
    private static List<Change> diff(JsonNode before, JsonNode after, List<String> order) {
        List<Change> changes = new ArrayList<>();
        Iterator<String> names = after.fieldNames();
        while (names.hasNext()) {
            String column = names.next();
            if (BOOKKEEPING.contains(column)) {
                continue;
            }
            JsonNode now = after.get(column);
            JsonNode then = before == null ? null : before.get(column);
            boolean empty = now.isNull() || (now.isTextual() && now.asText().isEmpty());
            if (before == null ? empty : now.equals(then == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : then)) {
                continue;
            }
            changes.add(new Change(Values.field(column), Values.value(column, then), Values.value(column, now)));
        }
        changes.sort(java.util.Comparator.comparingInt(c -> {
            int i = order.indexOf(c.field());
            return i < 0 ? order.size() : i;
        }));
        return changes;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp s) {
            return s.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }
}
