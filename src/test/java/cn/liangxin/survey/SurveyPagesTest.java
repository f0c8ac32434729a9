package cn.liangxin.survey;

import cn.liangxin.testsupport.Registry;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The clerk's way through the pages: upload, preview with the problems by cell, commit. */
@QuarkusTest
class SurveyPagesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void uploadPreviewCommit() {
        Registry.clear(dataSource);
        Response page = given().accept("text/html").get("/surveys");
        Element token = Jsoup.parse(page.asString()).selectFirst("form.edit input[name=csrf-token]");
        byte[] file = SurveyImportTest.csv(StandardCharsets.UTF_8, true,
                "页面上传公司,,企业,罗雄街道,,,,C,否,正常,12,3,,,,否,,无,未建立,,,,,,,",
                "错误公司,,企业,罗雄街道,,,,C,否,正常,很多,3,,,,否,,无,未建立,,,,,,,");
        String location = given().cookies(page.getCookies()).redirects().follow(false)
                .multiPart("file", "page.csv", file, "text/csv").multiPart("csrf-token", token.attr("value"))
                .post("/surveys/imports").then().statusCode(303).extract().header("Location");
        String path = location.replaceFirst("^https?://[^/]+", "");
        Response preview = given().accept("text/html").get(path);
        Document doc = Jsoup.parse(preview.asString());
        assertEquals("1", doc.selectFirst("#import-summary dd[data-col=new]").text());
        assertEquals("1", doc.selectFirst("#import-summary dd[data-col=rejected]").text());
        Element bad = doc.selectFirst("#rejected-rows tr[data-row=3]");
        assertNotNull(bad);
        assertEquals("从业人员数", bad.attr("data-column"));
        String commitToken = doc.selectFirst("#commit-form input[name=csrf-token]").attr("value");
        given().cookies(preview.getCookies()).cookies(page.getCookies()).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", commitToken)
                .post(path + "/commit").then().statusCode(303);
        assertNotNull(Jsoup.parse(given().accept("text/html").get(path).asString()).selectFirst("#committed"));
        given().get("/api/organizations").then().body("total", equalTo(1));
    }
}
