package cn.liangxin.openrosa;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment of two counties (罗平县, 陆良县): whoever works in both gets a form for each, whose
 * filled forms are sent back naming their county, as one upload names it.
 */
@QuarkusTest
@TestProfile(OpenRosaCountiesTest.TwoCounties.class)
class OpenRosaCountiesTest {

    public static class TwoCounties implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liangxin.scope.counties", "530324,530322");
        }
    }

    static final String ZHONGSHU = "530322001";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachCountyHasItsFormAndASubmissionGoesToTheCountyItNames() throws Exception {
        Registry.clear(dataSource);
        try (var c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("truncate survey_campaign, survey_import cascade");
        }
        XmlPath list = new XmlPath(given().get("/openrosa/formList").then().statusCode(200).extract().asString());
        assertEquals(List.of("liangxin-survey-530324", "liangxin-survey-530322"), list.getList("xforms.xform.formID"));
        String luliang = given().get(list.getString("xforms.xform.find { it.formID == 'liangxin-survey-530322' }.downloadUrl"))
                .then().statusCode(200).extract().asString();
        assertTrue(luliang.contains("<value>" + ZHONGSHU + "</value>"), luliang);
        assertFalse(luliang.contains("<value>" + Registry.LUOXIONG + "</value>"), luliang);
        String action = new XmlPath(luliang).getString("html.head.model.submission.@action");
        assertTrue(action.endsWith("/openrosa/submission?countyCode=530322"), action);

        byte[] instance = ("<data id=\"liangxin-survey-530322\"><name>陆良奥德凯公司</name><kind>企业</kind><townshipCode>"
                + ZHONGSHU + "</townshipCode><status>正常</status><headcount>8</headcount><formalMembers>1</formalMembers>"
                + "<partyStatus>未建立</partyStatus><meta><instanceID>uuid:two-counties-0001</instanceID></meta></data>")
                .getBytes(StandardCharsets.UTF_8);
        // without its county, a submission of someone working in two is refused in OpenRosa's form
        Response unnamed = given().multiPart("xml_submission_file", "s.xml", instance, "text/xml").post("/openrosa/submission");
        assertEquals(400, unnamed.statusCode(), unnamed.asString());
        assertFalse(new XmlPath(unnamed.asString()).getString("OpenRosaResponse.message").isBlank());
        given().multiPart("xml_submission_file", "s.xml", instance, "text/xml").post(action).then().statusCode(201);
        long id = given().queryParam("source", "ODK").queryParam("countyCode", "530322").get("/api/surveys/imports")
                .then().statusCode(200).extract().jsonPath().getLong("[0].id");
        given().queryParam("countyCode", "530322").get("/api/surveys/imports/{id}", id).then().statusCode(200)
                .body("summary.new", org.hamcrest.Matchers.equalTo(1));
    }
}
