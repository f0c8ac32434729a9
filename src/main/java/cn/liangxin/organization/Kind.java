package cn.liangxin.organization;

/**
 * The kind of a 两新 organization, its sector, and the registration authority and category
 * characters (USCC characters 1 and 2) its code is expected to carry.
 */
public enum Kind {
    ENTERPRISE(Sector.ECONOMIC, '9', "1"),
    INDIVIDUAL_BUSINESS(Sector.ECONOMIC, '9', "2"),
    FARMER_COOPERATIVE(Sector.ECONOMIC, '9', "3"),
    SOCIAL_GROUP(Sector.SOCIAL, '5', "1"),
    PRIVATE_NON_ENTERPRISE(Sector.SOCIAL, '5', "2"),
    FOUNDATION(Sector.SOCIAL, '5', "3"),
    /** Law firms register with the justice administration (3), category 1 (律师执业机构). */
    LAW_FIRM(Sector.SOCIAL, '3', "1"),
    /** Accounting firms register with market regulation as enterprises. */
    ACCOUNTING_FIRM(Sector.SOCIAL, '9', "1"),
    OTHER_ECONOMIC(Sector.ECONOMIC, '9', "123"),
    /** Other social organizations: any authority but market regulation. */
    OTHER_SOCIAL(Sector.SOCIAL, '\0', "");

    private final Sector sector;
    private final char authority;
    private final String categories;

    Kind(Sector sector, char authority, String categories) {
        this.sector = sector;
        this.authority = authority;
        this.categories = categories;
    }

    public Sector sector() {
        return sector;
    }

    /** Whether a well-formed USCC's authority and category characters fit this kind. */
    public boolean agreesWith(String uscc) {
        char a = uscc.charAt(0);
        char c = uscc.charAt(1);
        if (authority == '\0') {
            return a != '9';
        }
        return a == authority && categories.indexOf(c) >= 0;
    }
}
