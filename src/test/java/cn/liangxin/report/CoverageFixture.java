package cn.liangxin.report;

import cn.liangxin.testsupport.Registry;

import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.BANQIAO;
import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static cn.liangxin.testsupport.Registry.createOrg;
import static cn.liangxin.testsupport.Registry.createParty;
import static io.restassured.RestAssured.given;

/**
 * A small county whose figures are worked out by hand in the comments: 罗雄街道 has six active
 * organizations (and a closed one), 板桥镇 two.
 */
final class CoverageFixture {

    long a, b, c, d, e, f, g, h, i;

    static CoverageFixture load() {
        CoverageFixture x = new CoverageFixture();
        // 罗雄街道
        x.a = createOrg("甲电力有限公司", LUOXIONG, 120, 57);                    // covered alone (general branch)
        x.b = createOrg("乙建材有限公司", LUOXIONG, 30, 4, "secretaryCandidate", true,
                "ownerAttitude", "SUPPORTIVE", "plannedFormationOn", "2027-03-01"); // SHOULD_FORM
        x.c = createOrg("丙百货商店", LUOXIONG, 3, 1, "kind", "INDIVIDUAL_BUSINESS"); // joint
        x.d = createOrg("丁商会", LUOXIONG, 8, 2, "kind", "SOCIAL_GROUP");        // joint
        x.e = createOrg("戊物流有限公司", LUOXIONG, 60, 0, "instructor", "王芳");   // NO_MEMBERS, instructor
        x.f = createOrg("己矿业有限公司", LUOXIONG, 10, 5, "status", "CLOSED");     // closed: left out
        x.g = createOrg("庚职业培训学校", LUOXIONG, 12, 1, "kind", "PRIVATE_NON_ENTERPRISE",
                "probationaryMembers", 2);                                          // FEW_MEMBERS
        // 板桥镇
        x.h = createOrg("辛种植农民专业合作社", BANQIAO, 5, 0, "kind", "FARMER_COOPERATIVE"); // NO_MEMBERS
        x.i = createOrg("壬水泥有限公司", BANQIAO, 150, 3);                        // covered alone (branch)

        createParty("甲电力有限公司党总支", LUOXIONG, "GENERAL_BRANCH", "INDEPENDENT", List.of(x.a));
        createParty("罗雄商贸联合党支部", LUOXIONG, "BRANCH", "JOINT", List.of(x.c, x.d));
        createParty("壬水泥有限公司党支部", BANQIAO, "BRANCH", "INDEPENDENT", List.of(x.i));
        // dissolved: neither counts nor covers 辛
        Map<String, Object> gone = Registry.party("板桥农业联合党支部", BANQIAO, "BRANCH", "JOINT", List.of(x.h));
        gone.put("foundedOn", "2015-05-01");
        gone.put("dissolvedOn", "2016-03-01");
        given().basePath("").contentType("application/json").body(gone).post("/api/party-organizations")
                .then().statusCode(201);
        return x;
    }
}
