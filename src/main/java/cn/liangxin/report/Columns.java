package cn.liangxin.report;

import cn.liangxin.export.Column;
import cn.liangxin.export.Exports;
import cn.liangxin.export.Column.Type;

import java.util.List;

/** The columns of the coverage table, of the blank-spot ledger and of the data-quality table. */
final class Columns {

    private Columns() {
    }

    static final List<Column<CoverageRow>> COVERAGE = List.of(
            new Column<>("name", "report.col.township", 16, Type.TEXT, CoverageRow::name),
            new Column<>("code", "report.col.code", 11, Type.TEXT, CoverageRow::code),
            new Column<>("organizations", "report.col.organizations", 8, Type.NUMBER, CoverageRow::organizations),
            new Column<>("economic", "report.col.economic", 8, Type.NUMBER, CoverageRow::economic),
            new Column<>("social", "report.col.social", 8, Type.NUMBER, CoverageRow::social),
            new Column<>("headcount", "report.col.headcount", 9, Type.NUMBER, CoverageRow::headcount),
            new Column<>("formalMembers", "report.col.formalMembers", 8, Type.NUMBER, CoverageRow::formalMembers),
            new Column<>("probationaryMembers", "report.col.probationaryMembers", 8, Type.NUMBER, CoverageRow::probationaryMembers),
            new Column<>("partyOrganizations", "report.col.partyOrganizations", 8, Type.NUMBER, CoverageRow::partyOrganizations),
            new Column<>("COMMITTEE", "report.col.committees", 7, Type.NUMBER, r -> r.partyOrganizationsByLevel().get("COMMITTEE")),
            new Column<>("GENERAL_BRANCH", "report.col.generalBranches", 7, Type.NUMBER, r -> r.partyOrganizationsByLevel().get("GENERAL_BRANCH")),
            new Column<>("BRANCH", "report.col.branches", 7, Type.NUMBER, r -> r.partyOrganizationsByLevel().get("BRANCH")),
            new Column<>("coveredIndependently", "report.col.coveredIndependently", 9, Type.NUMBER, CoverageRow::coveredIndependently),
            new Column<>("coveredJointly", "report.col.coveredJointly", 9, Type.NUMBER, CoverageRow::coveredJointly),
            new Column<>("coveredOrganizations", "report.col.coveredOrganizations", 9, Type.NUMBER, CoverageRow::coveredOrganizations),
            new Column<>("blankSpots", "report.col.blankSpots", 8, Type.NUMBER, CoverageRow::blankSpots),
            new Column<>("shouldForm", "report.col.shouldForm", 8, Type.NUMBER, CoverageRow::shouldForm),
            new Column<>("fewMembers", "report.col.fewMembers", 9, Type.NUMBER, CoverageRow::fewMembers),
            new Column<>("noMembers", "report.col.noMembers", 8, Type.NUMBER, CoverageRow::noMembers),
            new Column<>("noMembersWithInstructor", "report.col.noMembersWithInstructor", 10, Type.NUMBER, CoverageRow::noMembersWithInstructor),
            new Column<>("nominalCoverage", "report.col.nominalCoverage", 9, Type.NUMBER, CoverageRow::nominalCoverage),
            new Column<>("coverageRate", "report.col.coverageRate", 9, Type.RATE, CoverageRow::coverageRate),
            new Column<>("fiveOneComplete", "report.col.fiveOneComplete", 9, Type.NUMBER, CoverageRow::fiveOneComplete),
            new Column<>("fiveOneRate", "report.col.fiveOneRate", 9, Type.RATE, CoverageRow::fiveOneRate),
            new Column<>("fundingYuan", "report.col.fundingYuan", 10, Type.NUMBER, CoverageRow::fundingYuan));

    static final List<Column<BlankSpot>> BLANK_SPOTS = List.of(
            new Column<>("townshipName", "report.col.township", 14, Type.TEXT, BlankSpot::townshipName),
            new Column<>("name", "report.col.name", 30, Type.TEXT, BlankSpot::name),
            new Column<>("category", "report.col.category", 12, Type.TEXT, BlankSpot::category),
            new Column<>("requiredForm", "report.col.requiredForm", 10, Type.TEXT, BlankSpot::requiredForm),
            new Column<>("formalMembers", "report.col.formalMembers", 8, Type.NUMBER, BlankSpot::formalMembers),
            new Column<>("headcount", "report.col.headcount", 9, Type.NUMBER, BlankSpot::headcount),
            new Column<>("secretaryCandidate", "report.col.secretaryCandidate", 10, Type.TEXT, BlankSpot::secretaryCandidate),
            new Column<>("ownerAttitude", "report.col.ownerAttitude", 10, Type.TEXT, BlankSpot::ownerAttitude),
            new Column<>("plannedFormationOn", "report.col.plannedFormationOn", 12, Type.DATE, BlankSpot::plannedFormationOn),
            new Column<>("notPlannedReason", "report.col.notPlannedReason", 20, Type.TEXT, BlankSpot::notPlannedReason),
            new Column<>("responsible", "report.col.responsible", 10, Type.TEXT, BlankSpot::responsible),
            new Column<>("partyOrganization", "report.col.partyOrganization", 16, Type.TEXT, BlankSpot::partyOrganization),
            new Column<>("explanation", "report.col.explanation", 60, Type.TEXT, BlankSpot::explanation));

    /**
     * The data-quality table: township, code, score, then each component as numerator, denominator
     * and rate, in the order of {@link Quality#COMPONENTS}.
     */
    static final List<Column<Quality.Line>> QUALITY = quality();

    private static List<Column<Quality.Line>> quality() {
        List<Column<Quality.Line>> c = new java.util.ArrayList<>(List.of(
                new Column<>("name", "report.col.township", 16, Type.TEXT, Quality.Line::name),
                new Column<>("code", "report.col.code", 11, Type.TEXT, Quality.Line::code),
                new Column<>("score", "quality.col.score", 8, Type.NUMBER, Quality.Line::score)));
        for (String k : Quality.COMPONENTS) {
            c.add(new Column<>(k + ".numerator", "quality.col." + k + ".numerator", 9, Type.NUMBER,
                    l -> l.components().get(k).numerator()));
            c.add(new Column<>(k + ".denominator", "quality.col." + k + ".denominator", 9, Type.NUMBER,
                    l -> l.components().get(k).denominator()));
            c.add(new Column<>(k + ".rate", "quality.col." + k + ".rate", 9, Type.RATE,
                    l -> l.components().get(k).rate()));
        }
        return List.copyOf(c);
    }
}
