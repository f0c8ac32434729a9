package cn.liangxin.rules;

/** Level of a party organization, lowest first. */
public enum PartyLevel {
    BRANCH, GENERAL_BRANCH, COMMITTEE;

    /** The level a required form asks for, or null for forms that are not an own organization. */
    public static PartyLevel of(RequiredForm form) {
        return switch (form) {
            case BRANCH -> BRANCH;
            case GENERAL_BRANCH -> GENERAL_BRANCH;
            case COMMITTEE -> COMMITTEE;
            default -> null;
        };
    }
}
