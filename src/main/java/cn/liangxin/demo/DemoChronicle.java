package cn.liangxin.demo;

import cn.liangxin.demo.DemoCounty.Organization;
import cn.liangxin.demo.DemoCounty.PartyOrganization;
import cn.liangxin.demo.DemoCounty.Result;
import cn.liangxin.demo.DemoCounty.Township;
import cn.liangxin.organization.Sector;
import cn.liangxin.organization.Status;
import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The demo county's years, from seed 001's table of 2009 to today, as dated versions of every
 * record. The county begins on {@link #BEGINS} exactly as the seed counts it (1,001 organizations:
 * 908 economic with 31,300 employees and 510 formal members, 93 social with 1,064 and 158; 42 party
 * organizations, 37 and 5) and grows year by year: organizations registered and closed, members
 * developed (a year probationary, then formal), party organizations formed (on their own and
 * jointly, a few formed and dissolved again), instructors sent, 五个一 completed, 五个好 rated, goals
 * set and 摸底 campaigns run every year. Deterministic for a seed and a day.
 */
public final class DemoChronicle {

    /** The day the demo's records begin: the county's survey of 2009 (seed 001). */
    public static final LocalDate BEGINS = LocalDate.of(2009, 9, 30);
    /** Seed 001's table of 2009. */
    public static final int ECONOMIC_2009 = 908, SOCIAL_2009 = 93, ECONOMIC_HEADCOUNT_2009 = 31_300,
            SOCIAL_HEADCOUNT_2009 = 1_064, ECONOMIC_MEMBERS_2009 = 510, SOCIAL_MEMBERS_2009 = 158,
            ECONOMIC_PARTIES_2009 = 37, SOCIAL_PARTIES_2009 = 5;
    /** Organizations registered after 2009 (some of them closed again). */
    static final int REGISTERED_SINCE = 300;
    private static final LocalDate FIRST_CHANGE = LocalDate.of(2010, 1, 15);

    /** What changes of an organization over the years. */
    public record State(Status status, int formal, int probationary, int headcount, String instructor) {
    }

    /** An organization's state from a day on (until its next version). */
    public record Version(LocalDate from, State state) {
    }

    /** 五个一 of a party organization: partly in place from one day, complete from another (null: not yet). */
    public record Standard(int party, LocalDate partlyFrom, LocalDate completeFrom, int roomArea) {
    }

    /** 五个好 of a party organization for a year: all five, or which one (0–4) fell short. */
    public record Rating(int party, int year, int shortOf) {
    }

    /** A goal the county set for a year. */
    public record Goal(int year, String metric, String target, String scope) {
    }

    /** A year's 摸底 campaign and when each township reported it done. */
    public record Campaign(int year, String name, LocalDate opened, LocalDate deadline, Map<String, LocalDate> submitted) {
    }

    /**
     * The county today ({@code today}: the registry as it stands) and how it got there: each
     * organization's versions (the last one is today's row) and the 五个一, ratings, goals and
     * campaigns of the years.
     */
    public record Chronicle(Result county, LocalDate day, List<List<Version>> versions, List<Standard> standards,
                            List<Rating> ratings, List<Goal> goals, List<Campaign> campaigns) {

        /** The day an organization was registered (its first version). */
        public LocalDate registered(int organization) {
            return versions.get(organization).get(0).from();
        }
    }

    private final Random r;
    private final LocalDate today;
    private final LocalDate last;
    private final List<Township> townships;
    private final List<Organization> orgs;
    private final List<PartyOrganization> parties = new ArrayList<>();
    private final LocalDate[] registered;
    private final LocalDate[] closed;
    private final LocalDate[] instructorFrom;
    /** The day by which an organization's members had grown (its own branch was formed), if any. */
    private final LocalDate[] before;
    private final int[] formal2009;
    private final int[] headcount2009;
    private final LocalDate[] headcountFrom;
    private final List<List<int[]>> steps = new ArrayList<>();
    private final Set<Integer> steady = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    private DemoChronicle(Result pool, List<Township> townships, long seed, LocalDate today) {
        this.r = new Random(seed * 31 + 7);
        this.today = today;
        this.last = today.minusDays(1);
        this.townships = townships;
        this.orgs = pool.organizations();
        int n = orgs.size();
        registered = new LocalDate[n];
        closed = new LocalDate[n];
        instructorFrom = new LocalDate[n];
        before = new LocalDate[n];
        formal2009 = new int[n];
        headcount2009 = new int[n];
        headcountFrom = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            steps.add(new ArrayList<>());
        }
    }

    /** The chronicle of the demo county (罗平县's words) of this seed, up to the day before {@code today}. */
    public static Chronicle generate(String county, List<Township> townships, long seed, LocalDate today) {
        return generate(county, DemoCounty.LUOPING_NAME, townships, seed, today);
    }

    /**
     * The chronicle of a county, named with its name and its townships', of this seed, up to the day
     * before {@code today} (any day from 1 January 2012 on).
     */
    public static Chronicle generate(String county, String countyName, List<Township> townships, long seed, LocalDate today) {
        if (today.isBefore(LocalDate.of(2012, 1, 1))) {
            throw new IllegalArgumentException("the chronicle runs from 2009 to a day after 2011: " + today);
        }
        Result pool = DemoCounty.generate(county, countyName, townships, seed, ECONOMIC_2009 + SOCIAL_2009 + REGISTERED_SINCE);
        return new DemoChronicle(pool, townships, seed, today).build(pool);
    }

    private Chronicle build(Result pool) {
        Set<Integer> coveredEver = new HashSet<>();
        pool.partyOrganizations().forEach(p -> coveredEver.addAll(p.covers()));
        registrations(coveredEver);
        List<PartyOrganization> chosen2009 = partiesOf2009(pool.partyOrganizations());
        redate(pool.partyOrganizations(), chosen2009);
        closures();
        instructors();
        members(coveredEver);
        headcounts();
        jointBranches();
        List<Standard> standards = standards();
        Result county = new Result(pool.countyCode(), orgs, List.copyOf(parties));
        List<List<Version>> versions = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            versions.add(versions(i));
        }
        return new Chronicle(county, today, versions, standards, ratings(), goals(), campaigns());
    }

    /** REGISTERED_SINCE organizations (never covered) registered after 2009, so that 2009 has the seed's 908 and 93. */
    private void registrations(Set<Integer> coveredEver) {
        long social = orgs.stream().filter(o -> o.sector() == Sector.SOCIAL).count();
        int laterSocial = (int) social - SOCIAL_2009;
        int laterEconomic = REGISTERED_SINCE - laterSocial;
        List<Integer> economic = new ArrayList<>(), socialOnes = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            if (!coveredEver.contains(i)) {
                (orgs.get(i).sector() == Sector.SOCIAL ? socialOnes : economic).add(i);
            }
        }
        Collections.shuffle(economic, r);
        Collections.shuffle(socialOnes, r);
        if (laterSocial < 0 || laterSocial > socialOnes.size() || laterEconomic > economic.size()) {
            throw new IllegalStateException("the generated county cannot hold seed 001's 2009 table");
        }
        java.util.Arrays.fill(registered, BEGINS);
        List<Integer> later = new ArrayList<>(economic.subList(0, laterEconomic));
        later.addAll(socialOnes.subList(0, laterSocial));
        for (int i : later) {
            // more registrations in later years: the square root spreads them towards today
            long span = ChronoUnit.DAYS.between(FIRST_CHANGE, last.minusDays(30));
            registered[i] = FIRST_CHANGE.plusDays((long) (span * Math.sqrt(r.nextDouble())));
        }
    }

    /** Seed 001's 37 + 5 party organizations of 2009: the earliest founded of each sector. */
    private List<PartyOrganization> partiesOf2009(List<PartyOrganization> pool) {
        List<PartyOrganization> sorted = new ArrayList<>(pool);
        sorted.sort(Comparator.comparing(PartyOrganization::foundedOn));
        List<PartyOrganization> chosen = new ArrayList<>();
        int economic = 0, social = 0;
        for (PartyOrganization p : sorted) {
            boolean isSocial = orgs.get(p.covers().get(0)).sector() == Sector.SOCIAL;
            if (isSocial && social < SOCIAL_PARTIES_2009) {
                social++;
                chosen.add(p);
            } else if (!isSocial && economic < ECONOMIC_PARTIES_2009) {
                economic++;
                chosen.add(p);
            }
        }
        if (economic < ECONOMIC_PARTIES_2009 || social < SOCIAL_PARTIES_2009) {
            throw new IllegalStateException("the generated county has too few party organizations for 2009");
        }
        return chosen;
    }

    /**
     * The 2009 party organizations founded by 2009 (one in ten later dissolved), the others formed
     * since, in order of their founding; a dissolved one lasted one to three years.
     */
    private void redate(List<PartyOrganization> pool, List<PartyOrganization> chosen2009) {
        for (PartyOrganization p : pool) {
            LocalDate founded = p.foundedOn(), dissolved = null;
            if (chosen2009.contains(p)) {
                if (founded.isAfter(BEGINS)) {
                    founded = day(LocalDate.of(2003, 1, 1), BEGINS.minusDays(1));
                }
                if (p.dissolvedOn() != null) {
                    dissolved = day(LocalDate.of(2010, 3, 1), last);
                }
            } else {
                LocalDate latest = p.dissolvedOn() != null ? last.minusYears(3) : last.minusDays(60);
                if (!founded.isAfter(FIRST_CHANGE) || founded.isAfter(latest)) {
                    founded = day(FIRST_CHANGE.plusDays(20), latest);
                }
                if (p.dissolvedOn() != null) {
                    dissolved = min(founded.plusDays(365 + r.nextInt(730)), last);
                }
            }
            names.add(p.name());
            parties.add(new PartyOrganization(p.townshipCode(), p.name(), p.level(), p.formation(), founded, dissolved,
                    p.secretary(), p.covers()));
        }
    }

    /**
     * Closed organizations closed after 2009 (with their own party organization, when it was
     * dissolved); suspended ones stopped on a day since.
     */
    private void closures() {
        for (int i = 0; i < orgs.size(); i++) {
            Status s = orgs.get(i).status();
            if (s == Status.OPERATING) {
                continue;
            }
            LocalDate when = null;
            for (PartyOrganization p : parties) {
                if (p.dissolvedOn() != null && p.formation() == Formation.INDEPENDENT && p.covers().get(0) == i) {
                    when = p.dissolvedOn();
                }
            }
            // a year after registering at the earliest; one registered within the last year closed since
            LocalDate earliest = max(registered[i].plusDays(365), LocalDate.of(2010, 3, 1));
            if (earliest.isAfter(last)) {
                earliest = min(registered[i].plusDays(1), last);
            }
            closed[i] = when != null ? when : day(earliest, last);
        }
    }

    /** Instructors: a quarter of those named were sent by 2009, the others since. */
    private void instructors() {
        for (int i = 0; i < orgs.size(); i++) {
            if (orgs.get(i).instructor() == null) {
                continue;
            }
            instructorFrom[i] = registered[i].equals(BEGINS) && r.nextDouble() < 0.25 ? BEGINS
                    : day(max(registered[i].plusDays(30), LocalDate.of(2010, 3, 1)), last);
            if (closed[i] != null && !instructorFrom[i].isBefore(closed[i])) {
                instructorFrom[i] = registered[i];
            }
        }
    }

    /**
     * Formal members of 2009 taken down (or up) to the seed's 510 and 158 among the organizations no
     * party organization covers and that did not close; each then grew to today's number in one to
     * three steps, a member probationary for the year before each step. Covered organizations keep
     * their members, so no party organization stood on fewer than it had when formed.
     */
    private void members(Set<Integer> coveredEver) {
        for (int i = 0; i < orgs.size(); i++) {
            formal2009[i] = orgs.get(i).formalMembers();
        }
        // an organization that formed its own branch after 2010 may have grown into it: its members
        // then came before the branch
        Set<Integer> grownInto = new HashSet<>();
        for (PartyOrganization p : parties) {
            if (p.formation() == Formation.INDEPENDENT && p.foundedOn().isAfter(FIRST_CHANGE.plusDays(200))) {
                int i = p.covers().get(0);
                grownInto.add(i);
                before[i] = p.foundedOn().minusDays(30);
            }
        }
        coveredEver = new HashSet<>(coveredEver);
        coveredEver.removeAll(grownInto);
        fit(Sector.ECONOMIC, ECONOMIC_MEMBERS_2009, coveredEver);
        fit(Sector.SOCIAL, SOCIAL_MEMBERS_2009, coveredEver);
        for (int i = 0; i < orgs.size(); i++) {
            int delta = orgs.get(i).formalMembers() - formal2009[i];
            if (delta == 0) {
                if (registered[i].equals(BEGINS)) {
                    steady.add(i);
                }
                continue;
            }
            LocalDate end = min(closed[i] != null ? closed[i].minusDays(1) : last, before[i] != null ? before[i] : last);
            int parts = Math.min(Math.abs(delta), 1 + r.nextInt(3));
            TreeSet<LocalDate> dates = new TreeSet<>();
            while (dates.size() < parts) {
                dates.add(day(FIRST_CHANGE.plusDays(60), end));
            }
            int left = delta;
            int k = 0;
            for (LocalDate d : dates) {
                int step = k == parts - 1 ? left : delta / parts;
                left -= step;
                k++;
                steps.get(i).add(new int[]{(int) d.toEpochDay(), step});
            }
        }
    }

    private void fit(Sector sector, int target, Set<Integer> coveredEver) {
        List<Integer> adjustable = new ArrayList<>();
        int sum = 0;
        for (int i = 0; i < orgs.size(); i++) {
            if (orgs.get(i).sector() != sector || !registered[i].equals(BEGINS)) {
                continue;
            }
            sum += formal2009[i];
            if (!coveredEver.contains(i) && orgs.get(i).status() != Status.CLOSED) {
                adjustable.add(i);
            }
        }
        int diff = target - sum;
        // members developed since 2009 mostly where there are most (a member drawn at random): the
        // organizations of 1 or 2 members are left as they were while larger ones keep 1 at least
        List<Integer> members = new ArrayList<>();
        for (int i : adjustable) {
            if (formal2009[i] >= 3) {
                members.addAll(Collections.nCopies(formal2009[i], i));
            }
        }
        for (int guard = 0; diff != 0 && guard < 1_000_000; guard++) {
            int i = diff < 0 && !members.isEmpty() && guard < 100_000 ? members.get(r.nextInt(members.size()))
                    : adjustable.get(r.nextInt(adjustable.size()));
            if (diff < 0 && formal2009[i] > 1) {
                formal2009[i]--;
                diff++;
            } else if (diff > 0 && formal2009[i] < orgs.get(i).formalMembers() + 2) {
                formal2009[i]++;
                diff--;
            } else if (diff < 0 && guard > 100_000 && formal2009[i] > 0) {
                formal2009[i]--;
                diff++;
            }
        }
        if (diff != 0) {
            throw new IllegalStateException("cannot fit the 2009 members of " + sector + ": " + (target - diff) + " of " + target + " among " + adjustable.size());
        }
    }

    /** Employees of 2009 scaled to the seed's 31,300 and 1,064; today's numbers from a day in 2010 or after. */
    private void headcounts() {
        for (Sector sector : Sector.values()) {
            int target = sector == Sector.ECONOMIC ? ECONOMIC_HEADCOUNT_2009 : SOCIAL_HEADCOUNT_2009;
            List<Integer> base = new ArrayList<>();
            long now = 0;
            for (int i = 0; i < orgs.size(); i++) {
                if (orgs.get(i).sector() == sector && registered[i].equals(BEGINS)) {
                    base.add(i);
                    now += orgs.get(i).headcount();
                }
            }
            double f = (double) target / now;
            long sum = 0;
            for (int i : base) {
                headcount2009[i] = Math.max(Math.max(1, formal2009[i]), (int) Math.round(orgs.get(i).headcount() * f));
                sum += headcount2009[i];
            }
            long diff = target - sum;
            for (int guard = 0; diff != 0 && guard < 10_000_000; guard++) {
                int i = base.get(r.nextInt(base.size()));
                if (diff > 0) {
                    headcount2009[i]++;
                    diff--;
                } else if (headcount2009[i] > Math.max(1, formal2009[i])) {
                    headcount2009[i]--;
                    diff++;
                }
            }
            for (int i : base) {
                if (headcount2009[i] != orgs.get(i).headcount()) {
                    LocalDate first = steps.get(i).stream().map(s -> LocalDate.ofEpochDay(s[0]).minusDays(366))
                            .min(Comparator.naturalOrder()).orElse(last);
                    headcountFrom[i] = day(FIRST_CHANGE, max(FIRST_CHANGE, min(first, closed[i] != null ? closed[i] : last)));
                }
            }
        }
    }

    /**
     * Joint branches formed since 2010 by organizations of one township with one or two members
     * each (业务相近、地域相邻): one or two a year, more when the year's coverage would otherwise fall
     * behind the year before; one in five over fewer than 3 members in all (coverage on paper), one in
     * six dissolved again within two years (建了又散).
     */
    private void jointBranches() {
        // organizations whose members stayed as they were (or registered since with them)
        Map<String, List<Integer>> candidates = new LinkedHashMap<>();
        Set<Integer> constant = new TreeSet<>(steady);
        for (int i = 0; i < orgs.size(); i++) {
            if (!registered[i].equals(BEGINS)) {
                constant.add(i);
            }
        }
        for (int i : constant) {
            Organization o = orgs.get(i);
            if (o.sector() == Sector.ECONOMIC && o.status() == Status.OPERATING && o.formalMembers() >= 1
                    && o.formalMembers() <= 2 && uncovered(i)) {
                candidates.computeIfAbsent(o.townshipCode(), k -> new ArrayList<>()).add(i);
            }
        }
        candidates.values().forEach(l -> Collections.shuffle(l, r));
        int formed = 0;
        double before = rate(LocalDate.of(2009, 12, 31));
        for (int year = 2010; year <= today.getYear(); year++) {
            LocalDate end = year == today.getYear() ? last : LocalDate.of(year, 12, 31);
            if (end.isBefore(LocalDate.of(year, 1, 10))) {
                break; // the year's first joint branch is formed from 10 January on
            }
            int planned = 1 + r.nextInt(2);
            for (int made = 0, tries = 0; tries < 40 && (made < planned || rate(end) < before); tries++) {
                if (joint(candidates, year, end, formed)) {
                    made++;
                    formed++;
                }
            }
            before = rate(end);
        }
    }

    private boolean joint(Map<String, List<Integer>> candidates, int year, LocalDate end, int n) {
        List<String> open = candidates.entrySet().stream().filter(e -> e.getValue().size() >= 2).map(Map.Entry::getKey).toList();
        if (open.isEmpty()) {
            return false;
        }
        String township = open.get(r.nextInt(open.size()));
        List<Integer> pool = candidates.get(township);
        boolean paper = n % 5 == 4;
        LocalDate start = LocalDate.of(year, 1, 10);
        LocalDate founded = day(start, end.isBefore(start) ? start : end);
        List<Integer> group = new ArrayList<>();
        int members = 0;
        for (int i : List.copyOf(pool)) {
            if ((paper && (orgs.get(i).formalMembers() != 1 || group.size() == 2)) || !registered[i].isBefore(founded)) {
                continue;
            }
            group.add(i);
            pool.remove(Integer.valueOf(i));
            members += orgs.get(i).formalMembers();
            if (!paper && members >= 3 && group.size() >= 2) {
                break;
            }
        }
        if (group.size() < 2) {
            pool.addAll(group);
            return false;
        }
        LocalDate dissolved = n % 6 == 5 ? founded.plusDays(300 + r.nextInt(400)) : null;
        if (dissolved != null && !dissolved.isBefore(last)) {
            dissolved = null;
        }
        // named after the host's village or community (业务相近、地域相邻)
        String place = townshipName(township) + orgs.get(group.get(0)).community().replaceAll("(社区|村委会)$", "");
        String name = place + "片区非公企业联合党支部";
        for (int k = 2; names.contains(name); k++) {
            name = place + "片区非公企业第" + k + "联合党支部";
        }
        names.add(name);
        parties.add(new PartyOrganization(township, name, PartyLevel.BRANCH, Formation.JOINT, founded, dissolved,
                DemoCounty.person(r), List.copyOf(group)));
        return true;
    }

    private boolean uncovered(int i) {
        return parties.stream().noneMatch(p -> p.covers().contains(i));
    }

    /** Covered ÷ active organizations at the end of a day, as the reports count it. */
    double rate(LocalDate day) {
        int active = 0, covered = 0;
        Set<Integer> coveredNow = new HashSet<>();
        for (PartyOrganization p : parties) {
            if (!p.foundedOn().isAfter(day) && (p.dissolvedOn() == null || p.dissolvedOn().isAfter(day))) {
                coveredNow.addAll(p.covers());
            }
        }
        for (int i = 0; i < orgs.size(); i++) {
            if (registered[i].isAfter(day) || (closed[i] != null && !closed[i].isAfter(day)
                    && orgs.get(i).status() == Status.CLOSED)) {
                continue;
            }
            active++;
            if (coveredNow.contains(i)) {
                covered++;
            }
        }
        return active == 0 ? 0 : (double) covered / active;
    }

    /** 五个一 for two in three party organizations: partly within months of forming, complete years later. */
    private List<Standard> standards() {
        List<Standard> out = new ArrayList<>();
        for (int k = 0; k < parties.size(); k++) {
            if (k % 3 == 2) {
                continue;
            }
            PartyOrganization p = parties.get(k);
            LocalDate partly = max(BEGINS, p.foundedOn().plusDays(60));
            LocalDate complete = partly.plusDays(365 + r.nextInt(365 * 4));
            LocalDate end = p.dissolvedOn() != null ? p.dissolvedOn() : last;
            if (!partly.isBefore(end)) {
                continue;
            }
            out.add(new Standard(k, partly, complete.isBefore(end) ? complete : null, 20 + (k * 7) % 40));
        }
        return out;
    }

    /** 五个好 of every party organization in office at a year's end, better year by year. */
    private List<Rating> ratings() {
        List<Rating> out = new ArrayList<>();
        for (int year = 2010; year < today.getYear() && DemoYears.ratedOn(year).isBefore(today); year++) {
            LocalDate end = LocalDate.of(year, 12, 31);
            double good = Math.min(0.92, 0.45 + 0.03 * (year - 2010));
            for (int k = 0; k < parties.size(); k++) {
                PartyOrganization p = parties.get(k);
                if (p.foundedOn().isAfter(end.minusMonths(6)) || (p.dissolvedOn() != null && !p.dissolvedOn().isAfter(end))) {
                    continue;
                }
                out.add(new Rating(k, year, r.nextDouble() < good ? -1 : r.nextInt(5)));
            }
        }
        return out;
    }

    /** Seed 001's goals of 2009–2011, then coverage and 五个一 goals a year, rising. */
    private List<Goal> goals() {
        List<Goal> out = new ArrayList<>();
        out.add(new Goal(2009, "LARGE_HAVE_MEMBERS", "1", "TOWNSHIP"));
        out.add(new Goal(2009, "LARGE_HAVE_ORGANIZATION", "1", "TOWNSHIP"));
        out.add(new Goal(2010, "ELIGIBLE_HAVE_ORGANIZATION", "1", "TOWNSHIP"));
        out.add(new Goal(2011, "FIVE_GOOD", "0.8", "COUNTY"));
        for (int year = 2012; year < today.getYear(); year++) {
            out.add(new Goal(year, "COVERAGE", String.format(java.util.Locale.ROOT, "%.3f", 0.055 + 0.003 * (year - 2012)), "COUNTY"));
            out.add(new Goal(year, "FIVE_ONE", String.format(java.util.Locale.ROOT, "%.2f", Math.min(0.8, 0.5 + 0.02 * (year - 2012))), "COUNTY"));
        }
        int year = today.getYear();
        out.add(new Goal(year, "LARGE_HAVE_MEMBERS", "1", "TOWNSHIP"));
        out.add(new Goal(year, "ELIGIBLE_HAVE_ORGANIZATION", "1", "TOWNSHIP"));
        out.add(new Goal(year, "COVERAGE", "0.1", "COUNTY"));
        out.add(new Goal(year, "FIVE_ONE", "0.8", "COUNTY"));
        return out;
    }

    /** A 摸底 campaign each November, due on the 30th; most townships report on time, a few late. */
    private List<Campaign> campaigns() {
        List<Campaign> out = new ArrayList<>();
        for (int year = 2010; year <= today.getYear(); year++) {
            LocalDate opened = LocalDate.of(year, 11, 1), deadline = LocalDate.of(year, 11, 30);
            if (!opened.isBefore(today)) {
                break;
            }
            Map<String, LocalDate> submitted = new LinkedHashMap<>();
            for (Township t : townships) {
                LocalDate on = deadline.minusDays(r.nextInt(20)).plusDays(r.nextDouble() < 0.15 ? 3 + r.nextInt(8) : 0);
                if (on.isBefore(today) && (year < today.getYear() || r.nextDouble() < 0.6)) {
                    submitted.put(t.code(), on);
                }
            }
            out.add(new Campaign(year, year + "年两新组织摸底", opened, deadline, submitted));
        }
        return out;
    }

    /** An organization's versions: its state from each day it changed, the last one today's row. */
    private List<Version> versions(int i) {
        Organization o = orgs.get(i);
        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(registered[i]);
        if (closed[i] != null) days.add(closed[i]);
        if (instructorFrom[i] != null) days.add(instructorFrom[i]);
        if (headcountFrom[i] != null) days.add(headcountFrom[i]);
        for (int[] s : steps.get(i)) {
            LocalDate d = LocalDate.ofEpochDay(s[0]);
            days.add(d);
            if (d.minusDays(365).isAfter(registered[i])) days.add(d.minusDays(365));
        }
        LocalDate probationaryFrom = max(registered[i], today.minusDays(330));
        if (o.probationaryMembers() > 0) days.add(probationaryFrom);
        List<Version> out = new ArrayList<>();
        for (LocalDate d : days) {
            if (!d.isBefore(today)) {
                continue;
            }
            State s = state(i, d, probationaryFrom);
            if (out.isEmpty() || !out.get(out.size() - 1).state().equals(s)) {
                out.add(new Version(d, s));
            }
        }
        State now = new State(o.status(), o.formalMembers(), o.probationaryMembers(), o.headcount(), o.instructor());
        if (!out.get(out.size() - 1).state().equals(now)) {
            throw new IllegalStateException("organization " + i + " does not end as it stands: " + out + " ≠ " + now);
        }
        return out;
    }

    private State state(int i, LocalDate d, LocalDate probationaryFrom) {
        Organization o = orgs.get(i);
        boolean base = registered[i].equals(BEGINS);
        Status status = closed[i] != null && !d.isBefore(closed[i]) ? o.status() : Status.OPERATING;
        int formal = base ? formal2009[i] : o.formalMembers();
        int probationary = o.probationaryMembers() > 0 && !d.isBefore(probationaryFrom) ? o.probationaryMembers() : 0;
        for (int[] s : steps.get(i)) {
            LocalDate at = LocalDate.ofEpochDay(s[0]);
            if (!d.isBefore(at)) {
                formal += s[1];
            } else if (s[1] > 0 && !d.isBefore(at.minusDays(365))) {
                probationary += s[1];
            }
        }
        int headcount = base && (headcountFrom[i] == null || d.isBefore(headcountFrom[i])) && headcount2009[i] > 0
                ? headcount2009[i] : o.headcount();
        String instructor = instructorFrom[i] != null && !d.isBefore(instructorFrom[i]) ? o.instructor() : null;
        return new State(status, formal, probationary, headcount, instructor);
    }

    private String townshipName(String code) {
        return townships.stream().filter(t -> t.code().equals(code)).map(Township::name).findFirst().orElse(code);
    }

    /** A day from {@code from} to {@code to} (both included; {@code from} when they cross). */
    private LocalDate day(LocalDate from, LocalDate to) {
        long span = ChronoUnit.DAYS.between(from, to);
        return span <= 0 ? from : from.plusDays(r.nextInt((int) span + 1));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
