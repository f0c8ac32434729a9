package cn.liangxin.organization;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsccTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "51530324MJ0000012Q"})
    void validCodes(String code) {
        assertEquals(Optional.empty(), Uscc.check(code));
    }

    @Test
    void everyOtherCheckCharacterIsRefused() {
        String body = "91350100M000100Y4";
        int valid = 0;
        for (char c : Uscc.SYMBOLS.toCharArray()) {
            if (Uscc.check(body + c).isEmpty()) {
                valid++;
            } else {
                assertEquals(Optional.of(Uscc.Problem.CHECK_CHARACTER), Uscc.check(body + c));
            }
        }
        assertEquals(1, valid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100I000100Y43", "91350100O000100Y43", "91350100Z000100Y43", "91350100S000100Y43",
            "91350100V000100Y43", "91350100m000100Y43", "9135010０M000100Y43"})
    void forbiddenCharacters(String code) {
        assertEquals(Optional.of(Uscc.Problem.CHARACTERS), Uscc.check(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y433"})
    void wrongLength(String code) {
        assertEquals(Optional.of(Uscc.Problem.LENGTH), Uscc.check(code));
    }

    @ParameterizedTest(name = "{0} fits {1}: {2}")
    @CsvSource({"91350100M000100Y43, ENTERPRISE, true", "91350100M000100Y43, INDIVIDUAL_BUSINESS, false",
            "91350100M000100Y43, SOCIAL_GROUP, false", "91350100M000100Y43, ACCOUNTING_FIRM, true",
            "92530324MA00000000, INDIVIDUAL_BUSINESS, true", "93530324MA00000000, FARMER_COOPERATIVE, true",
            "51530324MJ0000012Q, SOCIAL_GROUP, true", "52530324MJ0000012Q, PRIVATE_NON_ENTERPRISE, true",
            "53530324MJ0000012Q, FOUNDATION, true", "53530324MJ0000012Q, SOCIAL_GROUP, false",
            "31530000MD0000000X, LAW_FIRM, true", "91530000MD0000000X, LAW_FIRM, false",
            "59530324MJ0000012Q, OTHER_SOCIAL, true", "91350100M000100Y43, OTHER_SOCIAL, false",
            "93530324MA00000000, OTHER_ECONOMIC, true", "51530324MJ0000012Q, OTHER_ECONOMIC, false"})
    void authorityAndCategoryMustFitTheKind(String code, Kind kind, boolean fits) {
        assertEquals(fits, kind.agreesWith(code));
    }

    @Test
    void sectorFollowsKind() {
        assertEquals(Sector.ECONOMIC, Kind.FARMER_COOPERATIVE.sector());
        assertEquals(Sector.SOCIAL, Kind.LAW_FIRM.sector());
        assertTrue(Kind.ENTERPRISE.sector() == Sector.ECONOMIC);
        assertFalse(Kind.FOUNDATION.sector() == Sector.ECONOMIC);
    }

    @Test
    void formsNormalizeWhatClerksTypeButTheApiTakesCodesAsWritten() {
        assertEquals("91350100M000100Y43", Uscc.normalize(" ９１３５０１００m０００１００y４３ "));
        assertEquals(Optional.of(Uscc.Problem.CHARACTERS), Uscc.check(Organizations.normalizeUscc(" 91350100m000100y43 ")));
    }
}
