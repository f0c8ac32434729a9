package cn.liangxin.register;

import cn.liangxin.division.County;
import cn.liangxin.division.Township;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The township of an address, county first: 罗平县 and 陆良县 both have a 马街镇 and a 板桥镇. */
class AddressesTest {

    private static final County LUOPING = new County("530324", "罗平县", List.of(
            new Township("530324001", "罗雄街道", "530324"), new Township("530324003", "九龙街道", "530324"),
            new Township("530324102", "板桥镇", "530324"), new Township("530324103", "马街镇", "530324"),
            new Township("530324202", "鲁布革布依族苗族乡", "530324")));
    private static final County LULIANG = new County("530322", "陆良县", List.of(
            new Township("530322102", "板桥镇", "530322"), new Township("530322104", "马街镇", "530322")));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "云南省曲靖市罗平县马街镇新街5号|530324103|false",
            "罗平县板桥镇集镇街3号|530324102|false",
            "曲靖市陆良县马街镇老街1号|-|true",
            "陆良县板桥镇|-|true",
            "马街镇老寨村县道旁|530324103|false",
            "罗平县鲁布革乡腊者村|530324202|false",
            "罗平县九龙街道罗雄路5号|530324003|false",
            "罗平县工业园区A栋|-|false",
            "富源县中安街道|-|true",
            "雲南省曲靖市羅平縣馬街鎮新街5號|530324103|false",
            "陸良縣板橋鎮|-|true",
            "羅平縣九龍街道羅雄路|530324003|false",
            "罗平县　板桥镇　集镇街|530324102|false"})
    void theCountyFirstThenItsTownship(String address, String township, boolean otherCounty) {
        Addresses.Place p = new Addresses(LUOPING, List.of(LUOPING, LULIANG)).place(address, null);
        assertEquals(otherCounty, p.otherCounty(), address);
        assertEquals(township, p.township() == null ? null : p.township().code(), address);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "旧县街道东风路42号|530304004|false",
            "马龙区旧县街道东风路42号|530304004|false",
            "陆良县东风路42号|-|true"})
    void aTownshipWhoseNameHoldsACountyWordIsNotAnotherCounty(String address, String township, boolean otherCounty) {
        County malong = new County("530304", "马龙区", List.of(new Township("530304004", "旧县街道", "530304")));
        Addresses.Place p = new Addresses(malong, List.of(malong, LULIANG)).place(address, null);
        assertEquals(otherCounty, p.otherCounty(), address);
        assertEquals(township, p.township() == null ? null : p.township().code(), address);
    }

    @ParameterizedTest(name = "{0}, code {1} → another county: {2}")
    @CsvSource(delimiter = '|', value = {
            "板桥镇集镇街|91530322MA6K3X2Y1F|true",
            "板桥镇集镇街|91530324MA6K3X2Y1F|false",
            "板桥镇集镇街|91530300MA6K3X2Y1F|false"})
    void withoutACountyNamedTheCreditCodeSaysWhichCountyRegisteredIt(String address, String uscc, boolean other) {
        assertEquals(other, new Addresses(LUOPING, List.of(LUOPING, LULIANG)).place(address, uscc).otherCounty());
    }

    @ParameterizedTest(name = "{0} → {1} by rule {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "罗平县工业园区A栋|530324001|工业园区",
            "羅平縣工業園區B棟|530324001|工业园区",
            "罗平县高新工业园区1号|530324003|高新工业园区",
            "罗平县马街镇工业园区|530324103|-",
            "罗平县长底村|-|-",
            "陆良县工业园区|-|-"})
    void rulesNameTheTownshipOfWhatTheAddressDoesNotTheLongestKeywordFirst(String address, String township, String rule) {
        List<Addresses.Rule> rules = List.of(new Addresses.Rule("工业园区", LUOPING.townships().get(0)),
                new Addresses.Rule("高新工業園區", LUOPING.townships().get(1)));
        Addresses.Place p = new Addresses(LUOPING, List.of(LUOPING, LULIANG), rules).place(address, null);
        assertEquals(township, p.township() == null ? null : p.township().code(), address);
        assertEquals(rule, p.rule(), address);
    }
}
