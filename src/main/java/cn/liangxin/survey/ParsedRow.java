package cn.liangxin.survey;

import cn.liangxin.organization.OrganizationInput;

import java.util.List;
import java.util.Set;

/**
 * A data row read into what it says: the organization's fields (null when a required cell could
 * not be read), the registry id of a pre-filled template, column 19/20, and every problem found.
 */
record ParsedRow(String sheet, int row, String name, Long registryId, OrganizationInput input,
                 PartyStatus partyStatus, String partyOrganization, Set<SurveyColumn> present,
                 List<CellProblem> errors, List<CellProblem> warnings) {
}
