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

    /**
     * The kind a USCC's authority and category characters (1–2, GB 32100) say: 91 enterprise, 92
     * individual business, 93 farmers' cooperative, other 9x other economic; 51 social group, 52
     * private non-enterprise unit, 53 foundation, other 5x other social; 31 law firm, other 3x (notary
     * offices, legal services…) other social; N (rural collective economic organizations) other
     * economic; the other authorities (1 staffing, 2 foreign affairs, 4 culture, 6 tourism, 7 religion,
     * 8 trade unions, A military) other social. Empty for Y (others), a code too short or unknown.
     */
    public static java.util.Optional<Kind> of(String uscc) {
        // the first two characters that are not spaces, in upper case
        char a = 0, c = 0;
        for (int i = 0, found = 0; uscc != null && i < uscc.length() && found < 2; i++) {
            char ch = uscc.charAt(i);
            if (!Character.isWhitespace(ch)) {
                ch = Character.toUpperCase(ch);
                if (found++ == 0) {
                    a = ch;
                } else {
                    c = ch;
                }
            }
        }
        if (c == 0) {
            return java.util.Optional.empty();
        }
        Kind k = switch (a) {
            case '9' -> c == '1' ? ENTERPRISE : c == '2' ? INDIVIDUAL_BUSINESS : c == '3' ? FARMER_COOPERATIVE : OTHER_ECONOMIC;
            case '5' -> c == '1' ? SOCIAL_GROUP : c == '2' ? PRIVATE_NON_ENTERPRISE : c == '3' ? FOUNDATION : OTHER_SOCIAL;
            case '3' -> c == '1' ? LAW_FIRM : OTHER_SOCIAL;
            case 'N' -> OTHER_ECONOMIC;
            case '1', '2', '4', '6', '7', '8', 'A' -> OTHER_SOCIAL;
            default -> null;
        };
        return java.util.Optional.ofNullable(k);
    }

    /**
     * The SQL form of "the USCC does not fit the kind" ({@link #agreesWith}, the warning an
     * organization's page and the API give), over a kind column and a USCC column: true where the
     * USCC is given and its authority and category characters do not fit the kind. Generated from
     * the same fields as {@link #agreesWith}, so the two cannot drift apart.
     */
    public static String disagreementSql(String kindColumn, String usccColumn) {
        StringBuilder sql = new StringBuilder("(").append(usccColumn).append(" is not null and length(").append(usccColumn)
                .append(") >= 2 and not case ").append(kindColumn);
        for (Kind k : values()) {
            sql.append(" when '").append(k.name()).append("' then ");
            if (k.authority == '\0') {
                sql.append("substr(").append(usccColumn).append(", 1, 1) <> '9'");
            } else {
                sql.append("substr(").append(usccColumn).append(", 1, 1) = '").append(k.authority).append("' and substr(")
                        .append(usccColumn).append(", 2, 1) in (");
                for (int i = 0; i < k.categories.length(); i++) {
                    sql.append(i == 0 ? "" : ", ").append('\'').append(k.categories.charAt(i)).append('\'');
                }
                sql.append(")");
            }
        }
        return sql.append(" else true end)").toString();
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
