package cn.liangxin.survey;

import cn.liangxin.organization.CoveredBy;
import cn.liangxin.organization.MassOrganization;
import cn.liangxin.organization.Organization;
import cn.liangxin.organization.OrganizationInput;
import cn.liangxin.organization.Status;
import cn.liangxin.rules.Explanations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a survey row changes in the registry, field by field, as a clerk reads it (Chinese names of
 * choices, 是/否). Only the columns the file has are compared.
 */
final class SurveyChanges {

    private SurveyChanges() {
    }

    /**
     * The changes of a row matched to a registered organization; a new one lists only the party
     * organization it will create or join (its other values are the row itself).
     */
    static List<ImportPreview.Change> of(Organization o, OrganizationInput in, String uscc, ParsedRow p, CoveredBy covered) {
        List<ImportPreview.Change> changes = new ArrayList<>();
        if (o == null) {
            if (forms(p.partyStatus())) {
                changes.add(new ImportPreview.Change(SurveyColumn.PARTY_ORGANIZATION.key(), "", partyName(p)));
            }
            return changes;
        }
        Set<SurveyColumn> has = p.present();
        add(changes, has, SurveyColumn.NAME, o == null ? null : o.name, in.name());
        add(changes, has, SurveyColumn.USCC, o == null ? null : o.uscc, uscc);
        add(changes, has, SurveyColumn.KIND, o == null ? null : o.kind, in.kind());
        add(changes, has, SurveyColumn.TOWNSHIP, o == null ? null : o.townshipCode, in.townshipCode());
        add(changes, has, SurveyColumn.COMMUNITY, o == null ? null : o.community, in.community());
        add(changes, has, SurveyColumn.ADDRESS, o == null ? null : o.address, in.address());
        add(changes, has, SurveyColumn.BUILDING, o == null ? null : o.building, in.building());
        add(changes, has, SurveyColumn.INDUSTRY, o == null ? null : o.industry, in.industry());
        add(changes, has, SurveyColumn.ABOVE_SCALE, o == null ? null : o.aboveScale, bool(in.aboveScale()));
        add(changes, has, SurveyColumn.STATUS, o == null ? null : o.status, in.status() == null ? Status.OPERATING : in.status());
        add(changes, has, SurveyColumn.HEADCOUNT, o == null ? null : o.headcount, in.headcount());
        add(changes, has, SurveyColumn.FORMAL_MEMBERS, o == null ? null : o.formalMembers, in.formalMembers());
        add(changes, has, SurveyColumn.MEMBERS_ELSEWHERE, o == null ? null : o.membersElsewhere, zero(in.membersElsewhere()));
        add(changes, has, SurveyColumn.PROBATIONARY_MEMBERS, o == null ? null : o.probationaryMembers, zero(in.probationaryMembers()));
        add(changes, has, SurveyColumn.ACTIVISTS, o == null ? null : o.activists, zero(in.activists()));
        add(changes, has, SurveyColumn.OWNER_IS_MEMBER, o == null ? null : o.ownerIsMember, bool(in.ownerIsMember()));
        add(changes, has, SurveyColumn.OWNER_ATTITUDE, o == null ? null : o.ownerAttitude, in.ownerAttitude());
        add(changes, has, SurveyColumn.SECRETARY_CANDIDATE, o == null ? null : o.secretaryCandidate, bool(in.secretaryCandidate()));
        add(changes, has, SurveyColumn.MASS_ORGANIZATIONS, o == null ? null : mass(o.massOrganizations),
                mass(in.massOrganizations()));
        add(changes, has, SurveyColumn.INSTRUCTOR, o == null ? null : o.instructor, in.instructor());
        add(changes, has, SurveyColumn.PLANNED_FORMATION_ON, o == null ? null : o.plannedFormationOn, in.plannedFormationOn());
        add(changes, has, SurveyColumn.NOT_PLANNED_REASON, o == null ? null : o.notPlannedReason, in.notPlannedReason());
        add(changes, has, SurveyColumn.RESPONSIBLE, o == null ? null : o.responsible, in.responsible());
        add(changes, has, SurveyColumn.NOTES, o == null ? null : o.notes, in.notes());
        if (forms(p.partyStatus()) && covered == null) {
            changes.add(new ImportPreview.Change(SurveyColumn.PARTY_ORGANIZATION.key(), "", partyName(p)));
        }
        return changes;
    }

    /**
     * What a registered organization holds after a row is applied: the file's value for each column
     * the file has, the registry's for the others.
     */
    static OrganizationInput merge(Organization o, ParsedRow p) {
        OrganizationInput in = p.input();
        Set<SurveyColumn> has = p.present();
        return new OrganizationInput(
                pick(has, SurveyColumn.NAME, in.name(), o.name), pick(has, SurveyColumn.USCC, in.uscc(), o.uscc),
                pick(has, SurveyColumn.KIND, in.kind(), o.kind),
                pick(has, SurveyColumn.TOWNSHIP, in.townshipCode(), o.townshipCode),
                pick(has, SurveyColumn.COMMUNITY, in.community(), o.community),
                pick(has, SurveyColumn.ADDRESS, in.address(), o.address),
                pick(has, SurveyColumn.BUILDING, in.building(), o.building),
                pick(has, SurveyColumn.INDUSTRY, in.industry(), o.industry),
                pick(has, SurveyColumn.ABOVE_SCALE, in.aboveScale(), o.aboveScale),
                pick(has, SurveyColumn.STATUS, in.status(), o.status),
                pick(has, SurveyColumn.HEADCOUNT, in.headcount(), o.headcount),
                pick(has, SurveyColumn.FORMAL_MEMBERS, in.formalMembers(), o.formalMembers),
                pick(has, SurveyColumn.PROBATIONARY_MEMBERS, in.probationaryMembers(), o.probationaryMembers),
                pick(has, SurveyColumn.MEMBERS_ELSEWHERE, in.membersElsewhere(), o.membersElsewhere),
                pick(has, SurveyColumn.ACTIVISTS, in.activists(), o.activists),
                pick(has, SurveyColumn.OWNER_IS_MEMBER, in.ownerIsMember(), o.ownerIsMember),
                pick(has, SurveyColumn.OWNER_ATTITUDE, in.ownerAttitude(), o.ownerAttitude),
                pick(has, SurveyColumn.SECRETARY_CANDIDATE, in.secretaryCandidate(), o.secretaryCandidate),
                pick(has, SurveyColumn.MASS_ORGANIZATIONS, in.massOrganizations(), massSet(o.massOrganizations)),
                pick(has, SurveyColumn.INSTRUCTOR, in.instructor(), o.instructor),
                pick(has, SurveyColumn.PLANNED_FORMATION_ON, in.plannedFormationOn(), o.plannedFormationOn),
                pick(has, SurveyColumn.NOT_PLANNED_REASON, in.notPlannedReason(), o.notPlannedReason),
                pick(has, SurveyColumn.RESPONSIBLE, in.responsible(), o.responsible),
                pick(has, SurveyColumn.NOTES, in.notes(), o.notes), o.countermeasures, null);
    }

    private static <T> T pick(Set<SurveyColumn> has, SurveyColumn c, T fromFile, T fromRegistry) {
        return has.contains(c) ? fromFile : fromRegistry;
    }

    private static Set<MassOrganization> massSet(String stored) {
        Set<MassOrganization> set = EnumSet.noneOf(MassOrganization.class);
        if (stored != null && !stored.isBlank()) {
            for (String s : stored.split(",")) set.add(MassOrganization.valueOf(s));
        }
        return set;
    }

    /** Whether column 19 says a party organization covers the organization. */
    static boolean forms(PartyStatus s) {
        return s != null && s != PartyStatus.NONE;
    }

    /** The party organization a row names (column 20), or for an own one its usual name. */
    static String partyName(ParsedRow p) {
        if (p.partyOrganization() != null) {
            return p.partyOrganization();
        }
        return p.name() + Explanations.text("survey.party.suffix." + p.partyStatus().name());
    }

    private static void add(List<ImportPreview.Change> changes, Set<SurveyColumn> has, SurveyColumn c, Object from, Object to) {
        if (!has.contains(c)) {
            return;
        }
        String a = show(c.key(), from);
        String b = show(c.key(), to);
        if (!a.equals(b)) {
            changes.add(new ImportPreview.Change(c.key(), a, b));
        }
    }

    private static String show(String field, Object v) {
        if (v == null) return "";
        if (v instanceof Boolean b) return cn.liangxin.web.Fields.yesNo(field, b);
        if (v instanceof Enum<?> e) return Explanations.label(e);
        return v.toString();
    }

    private static Boolean bool(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static Integer zero(Integer i) {
        return i == null ? 0 : i;
    }

    private static String mass(String stored) {
        if (stored == null || stored.isBlank()) return "";
        return Arrays.stream(stored.split(",")).map(MassOrganization::valueOf).map(Explanations::label)
                .collect(Collectors.joining("、"));
    }

    private static String mass(Set<MassOrganization> set) {
        if (set == null || set.isEmpty()) return "";
        return EnumSet.copyOf(set).stream().map(Explanations::label).collect(Collectors.joining("、"));
    }
}
