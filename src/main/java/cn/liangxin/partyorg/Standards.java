package cn.liangxin.partyorg;

import cn.liangxin.security.Caller;
import cn.liangxin.web.ApiException;
import cn.liangxin.web.FieldError;
import cn.liangxin.web.Msg;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 五个一 of a party organization (activity room with its area, member bulletin board, sign plate,
 * party flag, set of rules) and its 五个好 rating of each year.
 */
@ApplicationScoped
public class Standards {

    @jakarta.inject.Inject
    cn.liangxin.security.Scope scope;

    /** The 五个一 checklist as kept; {@code complete} when all five are there. */
    public record FiveOne(long partyOrganizationId, boolean activityRoom, BigDecimal roomArea, boolean bulletinBoard,
                          boolean signPlate, boolean partyFlag, boolean rulesSet, LocalDate checkedOn, boolean complete,
                          List<FieldError> warnings) {
    }

    /** What a client sends for the checklist. */
    public record FiveOneInput(@NotNull Boolean activityRoom,
                               @DecimalMin("0") @DecimalMax("100000") BigDecimal roomArea,
                               @NotNull Boolean bulletinBoard, @NotNull Boolean signPlate, @NotNull Boolean partyFlag,
                               @NotNull Boolean rulesSet, LocalDate checkedOn) {
    }

    /** A year's 五个好 rating; {@code fiveGood} when all five are met. */
    public record FiveGood(long partyOrganizationId, int year, boolean goodLeadership, boolean goodMembers,
                           boolean goodMechanism, boolean goodResults, boolean goodStanding, boolean fiveGood,
                           String ratedBy) {
    }

    /** What a client sends for a year's rating. */
    public record FiveGoodInput(@NotNull Boolean goodLeadership, @NotNull Boolean goodMembers,
                                @NotNull Boolean goodMechanism, @NotNull Boolean goodResults,
                                @NotNull Boolean goodStanding) {
    }

    private final EntityManager em;
    private final PartyOrganizations parties;
    private final Caller caller;

    public Standards(EntityManager em, PartyOrganizations parties, Caller caller) {
        this.em = em;
        this.parties = parties;
        this.caller = caller;
    }

    public FiveOne fiveOne(long id) {
        PartyOrganization p = parties.find(id);
        List<?> rows = em.createNativeQuery("select activity_room, room_area, bulletin_board, sign_plate, party_flag, rules_set,"
                        + " checked_on from party_standard where county_code = :county and party_organization_id = :id", Tuple.class)
                .setParameter("county", p.countyCode).setParameter("id", p.id).getResultList();
        if (rows.isEmpty()) {
            return view(p.id, false, null, false, false, false, false, null);
        }
        Tuple t = (Tuple) rows.get(0);
        return view(p.id, (Boolean) t.get(0), (BigDecimal) t.get(1), (Boolean) t.get(2), (Boolean) t.get(3), (Boolean) t.get(4),
                (Boolean) t.get(5), t.get(6, LocalDate.class));
    }

    @Transactional
    public FiveOne setFiveOne(long id, FiveOneInput in) {
        scope.requireRegistryChanges();
        PartyOrganization p = parties.find(id);
        if (in.checkedOn() != null && in.checkedOn().isAfter(LocalDate.now(cn.liangxin.time.Days.ZONE))) {
            throw ApiException.invalid("checkedOn", Msg.t("standards.checkedInFuture", in.checkedOn()));
        }
        if (!plausibleArea(in.roomArea())) {
            throw ApiException.invalid("roomArea", Msg.t("standards.areaNumber", in.roomArea().toString()));
        }
        if (!in.activityRoom() && in.roomArea() != null && in.roomArea().signum() > 0) {
            throw ApiException.invalid("roomArea", Msg.t("standards.areaWithoutRoom"));
        }
        em.createNativeQuery("""
                        insert into party_standard (county_code, party_organization_id, activity_room, room_area, bulletin_board,
                            sign_plate, party_flag, rules_set, checked_on, updated_by, updated_via)
                        values (:county, :id, :room, :area, :board, :plate, :flag, :rules, :checked, :user, :via)
                        on conflict (county_code, party_organization_id) do update set activity_room = excluded.activity_room,
                            room_area = excluded.room_area, bulletin_board = excluded.bulletin_board,
                            sign_plate = excluded.sign_plate, party_flag = excluded.party_flag, rules_set = excluded.rules_set,
                            checked_on = excluded.checked_on, updated_by = excluded.updated_by,
                            updated_via = excluded.updated_via, updated_at = excluded.updated_at""")
                .setParameter("county", p.countyCode).setParameter("id", p.id).setParameter("room", in.activityRoom())
                .setParameter("area", in.roomArea()).setParameter("board", in.bulletinBoard())
                .setParameter("plate", in.signPlate()).setParameter("flag", in.partyFlag()).setParameter("rules", in.rulesSet())
                .setParameter("checked", in.checkedOn()).setParameter("user", caller.username())
                .setParameter("via", caller.via()).executeUpdate();
        return fiveOne(id);
    }

    public List<FiveGood> ratings(long id) {
        PartyOrganization p = parties.find(id);
        List<FiveGood> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("select year, good_leadership, good_members, good_mechanism, good_results,"
                        + " good_standing, rated_by from party_rating where county_code = :county and party_organization_id = :id"
                        + " order by year desc", Tuple.class)
                .setParameter("county", p.countyCode).setParameter("id", p.id).getResultList()) {
            Tuple t = (Tuple) o;
            boolean a = (Boolean) t.get(1), b = (Boolean) t.get(2), c = (Boolean) t.get(3), d = (Boolean) t.get(4),
                    e = (Boolean) t.get(5);
            out.add(new FiveGood(p.id, ((Number) t.get(0)).intValue(), a, b, c, d, e, a && b && c && d && e, (String) t.get(6)));
        }
        return out;
    }

    @Transactional
    public FiveGood rate(long id, int year, FiveGoodInput in) {
        scope.requireRegistryChanges();
        PartyOrganization p = parties.find(id);
        int now = LocalDate.now(cn.liangxin.time.Days.ZONE).getYear();
        if (year > now || year < p.foundedOn.getYear()) {
            throw ApiException.invalid("year", Msg.t("standards.ratingYear", year, p.foundedOn.getYear(), now));
        }
        em.createNativeQuery("""
                        insert into party_rating (county_code, party_organization_id, year, good_leadership, good_members,
                            good_mechanism, good_results, good_standing, rated_by)
                        values (:county, :id, :year, :a, :b, :c, :d, :e, :user)
                        on conflict (county_code, party_organization_id, year) do update set
                            good_leadership = excluded.good_leadership, good_members = excluded.good_members,
                            good_mechanism = excluded.good_mechanism, good_results = excluded.good_results,
                            good_standing = excluded.good_standing, rated_by = excluded.rated_by, rated_at = excluded.rated_at""")
                .setParameter("county", p.countyCode).setParameter("id", p.id).setParameter("year", year)
                .setParameter("a", in.goodLeadership()).setParameter("b", in.goodMembers()).setParameter("c", in.goodMechanism())
                .setParameter("d", in.goodResults()).setParameter("e", in.goodStanding()).setParameter("user", caller.username())
                .executeUpdate();
        return ratings(id).stream().filter(r -> r.year() == year).findFirst().orElseThrow();
    }

    /** An area as a clerk writes one: up to 6 digits, and up to 4 after the point. */
    private static final java.util.regex.Pattern AREA = java.util.regex.Pattern.compile("\\d{1,6}(?:\\.\\d{1,4})?");

    /**
     * A room's area read from what a clerk wrote, kept to a tenth of a square metre as the checklist
     * holds it; null when it is no area (not a plain number of a few digits, or above 100,000 m²).
     * Nothing longer is taken apart as a number: an exponent alone could make it a billion digits.
     */
    static BigDecimal area(String text) {
        if (text == null || !AREA.matcher(text).matches()) {
            return null;
        }
        BigDecimal area = new BigDecimal(text).setScale(1, java.math.RoundingMode.HALF_UP);
        return area.compareTo(BigDecimal.valueOf(100000)) > 0 ? null : area;
    }

    /** An area sent as a JSON number, held to the same bounds as a written one before any arithmetic. */
    static boolean plausibleArea(BigDecimal area) {
        return area == null || area.scale() <= 4 && area.precision() - area.scale() <= 6;
    }

    private static FiveOne view(long id, boolean room, BigDecimal area, boolean board, boolean plate, boolean flag,
                                boolean rules, LocalDate checked) {
        List<FieldError> warnings = new ArrayList<>();
        if (room && (area == null || area.compareTo(cn.liangxin.rules.YearRules.EXPECTED_ROOM_AREA) < 0)) {
            warnings.add(new FieldError("roomArea", area == null ? Msg.t("standards.areaUnknown")
                    : Msg.t("standards.areaSmall", area.stripTrailingZeros().toPlainString(), cn.liangxin.rules.YearRules.EXPECTED_ROOM_AREA)));
        }
        return new FiveOne(id, room, area, board, plate, flag, rules, checked, cn.liangxin.rules.YearRules.fiveOne(room, board, plate, flag, rules), warnings);
    }
}
