package cn.liangxin.web;

import cn.liangxin.testsupport.Login;
import cn.liangxin.testsupport.Registry;
import cn.liangxin.testsupport.SignedIn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The question before a deletion: its 否 link goes back to the page the form was on, or home, whatever the Referer. */
@QuarkusTest
class ConfirmTest {

    @Test
    void theQuestionIsAskedWhateverTheReferer() {
        long id = Registry.createOrg("待确认删除公司", Registry.LUOXIONG, 5, 0);
        Login.Browser browser = Login.as(SignedIn.ADMIN, SignedIn.ADMIN_PASSWORD);
        Map<String, String> backs = new java.util.LinkedHashMap<>();
        backs.put("http://localhost/%zz", "/");
        backs.put("http://[not a host/", "/");
        backs.put("/organizations/ with space", "/");
        backs.put("::::", "/");
        backs.put("https://evil.example//evil.example/x", "/");
        backs.put("http://localhost:8080/organizations/" + id + "?township=" + Registry.LUOXIONG,
                "/organizations/" + id + "?township=" + Registry.LUOXIONG);
        for (var referer : backs.entrySet()) {
            Response r = browser.write().accept("text/html").header("Referer", referer.getKey())
                    .contentType("application/x-www-form-urlencoded").formParam("csrf-token", browser.token())
                    .post("/organizations/{id}/delete", id);
            assertEquals(200, r.statusCode(), referer.getKey() + ": " + r.asString());
            Document page = Jsoup.parse(r.asString());
            assertNotNull(page.selectFirst("#confirm-form"), referer.getKey());
            assertEquals(referer.getValue(), page.selectFirst("#confirm-form a").attr("href"), referer.getKey());
        }
        // nothing was deleted without the answer
        given().get("/api/organizations/{id}", id).then().statusCode(200);
    }
}
