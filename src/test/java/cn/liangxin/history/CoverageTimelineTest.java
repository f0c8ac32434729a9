package cn.liangxin.history;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cn.liangxin.testsupport.Registry.LUOXIONG;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An organization's timeline tells when a party organization came to cover it and when that ended. */
@QuarkusTest
class CoverageTimelineTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void coveredThenDissolved() {
        Registry.clear(dataSource);
        long org = Registry.createOrg("时间线公司", LUOXIONG, 20, 3);
        Map<String, Object> party = Registry.party("时间线党支部", LUOXIONG, "BRANCH", "INDEPENDENT", List.of(org));
        long id = given().contentType(ContentType.JSON).body(party).post("/api/party-organizations").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        party.put("dissolvedOn", "2026-01-01");
        party.put("foundedOn", "2020-07-01");
        party.put("version", 0);
        given().contentType(ContentType.JSON).body(party).put("/api/party-organizations/{id}", id).then().statusCode(200);

        JsonPath h = given().get("/api/organizations/{id}/history", org).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> coverage = h.getList("findAll { it.changes.any { c -> c.field == 'partyOrganization' } }");
        assertEquals(2, coverage.size(), h.prettify());
        assertEquals("时间线党支部", h.getString("find { it.changes.any { c -> c.field == 'partyOrganization' && c.oldValue == null } }"
                + ".changes[0].newValue"));
        assertEquals("时间线党支部", h.getString("find { it.changes.any { c -> c.field == 'partyOrganization' && c.newValue == null } }"
                + ".changes[0].oldValue"), "dissolved: no longer covered");
        assertEquals("CREATED", h.getString("[-1].action"), "newest first, the registration last");
        String page = given().accept("text/html").get("/organizations/" + org).asString();
        assertTrue(page.contains("所在党组织"), "the page shows the coverage change by its Chinese name");
    }
}
