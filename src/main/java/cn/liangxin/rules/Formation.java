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
    RELIANT
}
