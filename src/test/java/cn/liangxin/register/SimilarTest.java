package cn.liangxin.register;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Names proposed as one organization: what is stripped, the threshold on both sides, and which of several wins. */
class SimilarTest {

    private static Similar county(Object... idsAndNames) {
        Similar s = new Similar(Similar.placesOf("罗平县"));
        for (int i = 0; i < idsAndNames.length; i += 2) {
            s.add((Long) idsAndNames[i], (String) idsAndNames[i + 1]);
        }
        return s;
    }

    @Test
    void theCountysNameItsShortNameTheProvinceAndTheLegalFormSayNothingOfAName() {
        Similar s = county(1L, "罗平鑫源商贸有限公司");
        for (String same : List.of("罗平县鑫源商贸有限责任公司", "鑫源商贸股份有限公司", "云南省曲靖市罗平县鑫源商贸有限公司",
                "罗平县鑫源商贸", "羅平縣鑫源商貿有限公司", "罗平县(鑫源)商贸有限公司")) {
            assertEquals(Optional.of(new Similar.Match(1, 1.0f)), s.best(same), same);
        }
        assertEquals("鑫源商贸", s.core("罗平鑫源商贸有限公司"));
        assertEquals("鑫源商贸", s.core("曲靖市罗平县鑫源商贸分公司"));
    }

    @Test
    void aNameIsKeptWholeWhenStrippingWouldLeaveLessThanTwoCharacters() {
        Similar s = county();
        assertEquals("罗平县", s.core("罗平县"), "the county's name alone is all there is");
        assertEquals("大厂", s.core("大厂"), "厂 is not stripped from a two-character name");
        assertEquals("罗平", s.core("罗平店"), "the short name is kept when only one character would follow it");
    }

    @Test
    void theThresholdIsSixTenthsOfTheCharacterPairsSharedOnBothSides() {
        // 鑫源商贸物流 and 鑫源商贸建材: five pairs each, three shared (鑫源 源商 商贸): 2·3 / (5 + 5) = 0.6, proposed
        assertEquals(Optional.of(new Similar.Match(7, 0.6f)), county(7L, "罗平县鑫源商贸物流有限公司").best("罗平县鑫源商贸建材有限公司"));
        // one pair more on one side: 2·3 / (5 + 6) = 0.545…, not proposed
        assertEquals(Optional.empty(), county(7L, "罗平县鑫源商贸物流有限公司").best("罗平县鑫源商贸建材城有限公司"));
        assertEquals(0.6f, Similar.dice(new int[]{1, 2, 3, 4, 5}, new int[]{1, 2, 3, 6, 7}));
        assertEquals(6f / 11, Similar.dice(new int[]{1, 2, 3, 4, 5}, new int[]{1, 2, 3, 6, 7, 8}));
        assertEquals(0f, Similar.dice(new int[0], new int[]{1}));
    }

    @Test
    void repeatedPairsCountAsOftenAsTheyOccurOnBothSides() {
        // 天天天: pairs 天天 ×2; 天天: one 天天 — shared once, 2·1 / (2 + 1)
        assertEquals(2f / 3, Similar.dice(new int[]{9, 9}, new int[]{9}));
        assertEquals(1f, Similar.dice(new int[]{9, 9}, new int[]{9, 9}));
    }

    @Test
    void theMostAlikeNameWinsAndOfTwoAlikeTheFirstRegistered() {
        Similar s = county(1L, "罗平县鑫源商贸有限公司", 2L, "罗平县鑫源商贸物流有限公司", 3L, "罗平县宏达建材厂");
        assertEquals(Optional.of(new Similar.Match(2, 1.0f)), s.best("鑫源商贸物流有限责任公司"));
        assertEquals(Optional.of(new Similar.Match(1, 1.0f)), s.best("鑫源商贸经营部"));
        assertEquals(Optional.empty(), s.best("罗平县九龙旅游开发有限公司"), "nothing alike");
        assertEquals(Optional.empty(), s.best("有限公司"), "a bare legal form");

        Similar twins = county(5L, "罗平县长青农机专业合作社", 4L, "罗平县长青农机合作社");
        assertEquals(5L, twins.best("长青农机有限公司").orElseThrow().id(), "a tie goes to the name added first");
    }

    @Test
    void theShortNameOfACountyIsItsNameWithoutItsKind() {
        assertEquals(List.of("罗平县", "罗平"), Similar.placesOf("罗平县"));
        assertEquals(List.of("麒麟区", "麒麟"), Similar.placesOf("麒麟区"));
        assertEquals(List.of("宣威市", "宣威"), Similar.placesOf("宣威市"));
        assertEquals(List.of("峨山彝族自治县", "峨山彝族"), Similar.placesOf("峨山彝族自治县"));
        assertEquals(List.of("区"), Similar.placesOf("区"), "nothing shorter than two characters");
        assertEquals("鑫源商贸", county().core("麒麟区鑫源商贸有限公司"), "any place prefix goes, not only this county's");
    }
}
