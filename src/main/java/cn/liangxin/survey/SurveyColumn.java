package cn.liangxin.survey;

import java.util.List;

/**
 * The columns of the survey form (摸底登记表), in order. Each has its Chinese header, the API name it
 * fills (also accepted as a header), whether it is required, and the choices of a drop-down list.
 * The Chinese texts (header, note, choices) come from the message bundle under
 * {@code survey.col.<key>}.
 */
public enum SurveyColumn {
    NAME("name", true),
    USCC("uscc", false),
    KIND("kind", true),
    TOWNSHIP("townshipCode", true),
    COMMUNITY("community", false),
    ADDRESS("address", false),
    BUILDING("building", false),
    INDUSTRY("industry", false),
    ABOVE_SCALE("aboveScale", false),
    STATUS("status", true),
    HEADCOUNT("headcount", true),
    FORMAL_MEMBERS("formalMembers", true),
    MEMBERS_ELSEWHERE("membersElsewhere", false),
    PROBATIONARY_MEMBERS("probationaryMembers", false),
    ACTIVISTS("activists", false),
    OWNER_IS_MEMBER("ownerIsMember", false),
    OWNER_ATTITUDE("ownerAttitude", false),
    SECRETARY_CANDIDATE("secretaryCandidate", false),
    PARTY_STATUS("partyStatus", true),
    PARTY_ORGANIZATION("partyOrganization", false),
    MASS_ORGANIZATIONS("massOrganizations", false),
    INSTRUCTOR("instructor", false),
    PLANNED_FORMATION_ON("plannedFormationOn", false),
    NOT_PLANNED_REASON("notPlannedReason", false),
    RESPONSIBLE("responsible", false),
    NOTES("notes", false);

    /** Header of the hidden column of pre-filled templates that keeps the registry id. */
    public static final String REGISTRY_ID_HEADER = "登记编号";
    public static final String REGISTRY_ID_ALIAS = "id";

    private final String key;
    private final boolean required;

    SurveyColumn(String key, boolean required) {
        this.key = key;
        this.required = required;
    }

    /** The API field name, also accepted as a header. */
    public String key() {
        return key;
    }

    public boolean required() {
        return required;
    }

    /** 1-based position in the form. */
    public int number() {
        return ordinal() + 1;
    }

    public static List<SurveyColumn> all() {
        return List.of(values());
    }
}
