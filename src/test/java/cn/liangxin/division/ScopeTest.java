package cn.liangxin.division;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Province and prefecture codes in the scope stand for every county under them. */
class ScopeTest {

    private static Divisions scope(String... codes) {
        return new Divisions(() -> List.of(codes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"53", "530000", " 53 "})
    void aProvinceIsEveryCountyOfIt(String code) {
        Divisions d = scope(code);
        assertEquals(129, d.counties().size());
        assertEquals(1461, d.townships().size());
        assertTrue(d.countyCodes().stream().allMatch(c -> c.startsWith("53")));
        assertEquals("罗平县", d.county("530324").orElseThrow().name());
        assertEquals("530102", d.countyCodes().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5303", "530300"})
    void aPrefectureIsEveryCountyOfIt(String code) {
        Divisions d = scope(code);
        // 曲靖市: 麒麟区, 沾益区, 马龙区, 陆良县, 师宗县, 罗平县, 富源县, 会泽县, 宣威市
        assertEquals(List.of("530302", "530303", "530304", "530322", "530323", "530324", "530325", "530326", "530381"),
                d.countyCodes());
        assertEquals("530324001", d.find("罗雄街道").orElseThrow().code());
    }

    @Test
    void mixedEntriesKeepTheirOrderAndCountEachCountyOnce() {
        assertEquals(List.of("530324", "530302", "530303", "530304", "530322", "530323", "530325", "530326", "530381",
                "110101"), Divisions.expand(List.of("530324", "5303", "530324", "110101", "")));
    }

    @Test
    void aCountyLevelCityCodedLikeAPrefectureIsACounty() {
        // 东莞市 has no districts: its code ends in 00 and it is its own prefecture
        assertEquals(List.of("441900"), Divisions.expand(List.of("441900")));
        assertEquals(List.of("441900"), Divisions.expand(List.of("4419")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "5399", "539900", "530399", "5", "53032", "5303241", "53a3", "530324001", "云南"})
    void aCodeThatNamesNoCountyStopsTheStart(String code) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope("530324", code));
        assertTrue(e.getMessage().contains("'" + code + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("province"), e.getMessage());
    }

    @Test
    void anEmptyScopeStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> scope(" "));
    }
}
