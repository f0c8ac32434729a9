package cn.liangxin.organization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kind a USCC's first two characters say (GB 32100), for every prefix the registers carry. */
class KindTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "91530324MA6K3X2Y1F, ENTERPRISE", "92530324MA6K3X2Y1F, INDIVIDUAL_BUSINESS", "93530324MA6K3X2Y1F, FARMER_COOPERATIVE",
            "99530324MA6K3X2Y1F, OTHER_ECONOMIC", "51530324MA6K3X2Y1F, SOCIAL_GROUP", "52530324MA6K3X2Y1F, PRIVATE_NON_ENTERPRISE",
            "53530324MA6K3X2Y1F, FOUNDATION", "59530324MA6K3X2Y1F, OTHER_SOCIAL", "31530000MA6K3X2Y1F, LAW_FIRM",
            "32530000MA6K3X2Y1F, OTHER_SOCIAL", "N2530324MA6K3X2Y1F, OTHER_ECONOMIC", "81530324MA6K3X2Y1F, OTHER_SOCIAL",
            "' 92 5303', INDIVIDUAL_BUSINESS", "nz, OTHER_ECONOMIC"})
    void theFirstTwoCharactersSayTheKind(String uscc, Kind kind) {
        assertEquals(Optional.of(kind), Kind.of(uscc));
    }

    @ParameterizedTest(name = "''{0}'' says nothing")
    @CsvSource({"Y1530324MA6K3X2Y1F", "9", "''", "Z1"})
    void otherwiseNothing(String uscc) {
        assertEquals(Optional.empty(), Kind.of(uscc));
    }
}
