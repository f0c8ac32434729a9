package cn.liangxin.testsupport;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Signs in through the login page as a browser does: its CSRF cookie and token, then the form. */
public final class Login {

    private Login() {
    }

    /** A signed-in browser: its cookies (session and CSRF) and the CSRF token its pages carry. */
    public record Browser(Map<String, String> cookies, String token, Response answer) {
        /** A request as this browser sends it: cookies only, no Basic credentials. */
        public RequestSpecification request() {
            return given().auth().none().redirects().follow(false).cookies(cookies);
        }

        /** A state-changing request as this browser's page script sends it: cookies and the CSRF header. */
        public RequestSpecification write() {
            return request().header("X-CSRF-Token", token);
        }

        public String session() {
            return cookies.get("liangxin-session");
        }
    }

    /** The login form posted with these credentials (and any extra header pairs); the answer is in {@link Browser#answer}. */
    public static Browser as(String username, String password, String... headers) {
        Response page = given().auth().none().get("/login");
        Element field = Jsoup.parse(page.asString()).selectFirst("form input[type=hidden][name^=csrf]");
        if (field == null) {
            throw new AssertionError("no CSRF field on the login page");
        }
        Map<String, String> cookies = new HashMap<>(page.getCookies());
        RequestSpecification post = given().auth().none().redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam(field.attr("name"), field.attr("value"))
                .formParam("j_username", username).formParam("j_password", password);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            post.header(headers[i], headers[i + 1]);
        }
        Response answer = post.post("/login");
        cookies.putAll(answer.getCookies());
        return new Browser(cookies, field.attr("value"), answer);
    }
}
