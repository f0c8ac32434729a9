package cn.liangxin.testsupport;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Posts a page's form as a browser does: with the CSRF cookie and token the page handed out. */
public final class Forms {

    private Forms() {
    }

    /** A request carrying the CSRF cookie and token of the form at {@code pagePath}, as form data. */
    public static RequestSpecification from(String pagePath) {
        Response page = given().accept("text/html").get(pagePath);
        if (page.statusCode() != 200) {
            throw new AssertionError("form page " + pagePath + " answered " + page.statusCode());
        }
        Element token = Jsoup.parse(page.asString()).selectFirst("form.edit input[type=hidden][name^=csrf]");
        if (token == null) {
            throw new AssertionError("no CSRF field in the form of " + pagePath);
        }
        Map<String, String> cookies = page.getCookies();
        return given().cookies(cookies).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam(token.attr("name"), token.attr("value"));
    }
}
