package cn.liangxin.report;

import cn.liangxin.report.Column.Type;

import java.util.List;

/** The columns of the coverage table and of the blank-spot ledger. */
final class Columns {

    private Columns() {
    }

    static final List<Column<CoverageRow>> COVERAGE = List.of(
            new Column<>("report.col.township", 16, Type.TEXT, CoverageRow::name),
            new Column<>("report.col.code", 11, Type.TEXT, CoverageRow::code),
            new Column<>("report.col.organizations", 8, Type.NUMBER, CoverageRow::organizations),
            new Column<>("report.col.economic", 8, Type.NUMBER, CoverageRow::economic),
            new Column<>("report.col.social", 8, Type.NUMBER, CoverageRow::social),
            new Column<>("report.col.headcount", 9, Type.NUMBER, CoverageRow::headcount),
            new Column<>("report.col.formalMembers", 8, Type.NUMBER, CoverageRow::formalMembers),
            new Column<>("report.col.probationaryMembers", 8, Type.NUMBER, CoverageRow::probationaryMembers),
            new Column<>("report.col.partyOrganizations", 8, Type.NUMBER, CoverageRow::partyOrganizations),
            new Column<>("report.col.committees", 7, Type.NUMBER, r -> r.partyOrganizationsByLevel().get("COMMITTEE")),
            new Column<>("report.col.generalBranches", 7, Type.NUMBER, r -> r.partyOrganizationsByLevel().get("GENERAL_BRANCH")),
            new Column<>("report.col.branches", 7, Type.NUMBER, r -> r.partyOrganizationsByLevel().get("BRANCH")),
            new Column<>("report.col.coveredIndependently", 9, Type.NUMBER, CoverageRow::coveredIndependently),
            new Column<>("report.col.coveredJointly", 9, Type.NUMBER, CoverageRow::coveredJointly),
            new Column<>("report.col.coveredOrganizations", 9, Type.NUMBER, CoverageRow::coveredOrganizations),
            new Column<>("report.col.blankSpots", 8, Type.NUMBER, CoverageRow::blankSpots),
            new Column<>("report.col.shouldForm", 8, Type.NUMBER, CoverageRow::shouldForm),
            new Column<>("report.col.fewMembers", 9, Type.NUMBER, CoverageRow::fewMembers),
            new Column<>("report.col.noMembers", 8, Type.NUMBER, CoverageRow::noMembers),
            new Column<>("report.col.noMembersWithInstructor", 10, Type.NUMBER, CoverageRow::noMembersWithInstructor),
            new Column<>("report.col.coverageRate", 9, Type.RATE, CoverageRow::coverageRate));

    static final List<Column<BlankSpot>> BLANK_SPOTS = List.of(
            new Column<>("report.col.township", 14, Type.TEXT, BlankSpot::townshipName),
            new Column<>("report.col.name", 30, Type.TEXT, BlankSpot::name),
            new Column<>("report.col.category", 12, Type.TEXT, BlankSpot::category),
            new Column<>("report.col.requiredForm", 10, Type.TEXT, BlankSpot::requiredForm),
            new Column<>("report.col.formalMembers", 8, Type.NUMBER, BlankSpot::formalMembers),
            new Column<>("report.col.headcount", 9, Type.NUMBER, BlankSpot::headcount),
            new Column<>("report.col.secretaryCandidate", 10, Type.TEXT, BlankSpot::secretaryCandidate),
            new Column<>("report.col.ownerAttitude", 10, Type.TEXT, BlankSpot::ownerAttitude),
            new Column<>("report.col.plannedFormationOn", 12, Type.TEXT, BlankSpot::plannedFormationOn),
            new Column<>("report.col.notPlannedReason", 20, Type.TEXT, BlankSpot::notPlannedReason),
            new Column<>("report.col.responsible", 10, Type.TEXT, BlankSpot::responsible),
            new Column<>("report.col.explanation", 60, Type.TEXT, BlankSpot::explanation));
}
