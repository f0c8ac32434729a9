package cn.liangxin.rules;

/** How a party organization was formed (独立建、联合建、属地建、依托建). */
public enum Formation {
    /** Formed in and for one organization. */
    INDEPENDENT,
    /** Joint branch of several small organizations (联合建, incl. 楼宇党支部). */
    JOINT,
    /** Territorial: the village or community organization covers it (属地建, 村企联建). */
    TERRITORIAL,
    /** Relies on a supervising unit or industry association (依托建, 挂靠). */
    RELIANT;

    /**
     * Whether a party organization so formed may cover organizations of other townships of its
     * county: only one relied on (a supervising unit, an industry association) reaches beyond its
     * township; an own, joint or territorial one covers organizations of the township it sits in.
     */
    public boolean maySpanTownships() {
        return this == RELIANT;
    }
}
