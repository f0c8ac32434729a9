package cn.liangxin.division;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@QuarkusTest
class DivisionsTest {

    private static Divisions scope(String... counties) {
        return new Divisions(() -> List.of(counties));
    }

    @Test
    void townshipsInScopeOverTheApi() {
        given().get("/api/divisions/townships").then().statusCode(200)
                .body("$", hasSize(13))
                .body("[0].code", equalTo("530324001"))
                .body("[0].name", equalTo("罗雄街道"))
                .body("countyCode", everyItem(equalTo("530324")))
                .body("name", hasItem("鲁布革布依族苗族乡"));
        given().get("/api/divisions/counties").then().body("[0].name", equalTo("罗平县")).body("[0].townships", equalTo(13));
    }

    @Test
    void foundByCodeOrByNameInEitherScript() {
        Divisions d = scope("530324");
        assertEquals("530324001", d.find("530324001").orElseThrow().code());
        assertEquals("530324001", d.find(" 罗雄街道 ").orElseThrow().code());
        assertEquals("530324001", d.find("羅雄街道").orElseThrow().code());
        assertEquals("530324206", d.find("老廠鄉").orElseThrow().code());
        assertEquals(Optional.empty(), d.find("东华门街道"));
        assertEquals(Optional.empty(), d.find("110101001"));
        assertEquals(Optional.empty(), d.find(""));
    }

    @Test
    void severalCountiesAndUnknownCodes() {
        Divisions d = scope("530324", "110101");
        assertEquals(2, d.counties().size());
        assertEquals("东城区", d.county("110101").orElseThrow().name());
        assertEquals("110101001", d.find("东华门街道").orElseThrow().code());
        assertThrows(IllegalStateException.class, () -> scope("999999"));
    }
}
