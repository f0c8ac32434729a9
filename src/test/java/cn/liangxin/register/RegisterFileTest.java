package cn.liangxin.register;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A name's comparable form: NFKC, without spaces and asterisks; text already in that form is answered as it is. */
class RegisterFileTest {

    @Test
    void fullWidthAndCompatibilityFormsAreNarrowedAndSpacesRemoved() {
        assertEquals("罗平县鑫源商贸(普通合伙)ABC1", RegisterFile.key("罗平县 鑫源商贸（普通合伙）ＡＢＣ１"));
        assertEquals("企业名称", RegisterFile.key("*企业名称\u3000"));
        // a compatibility ideograph (U+F900 on) is not its unified twin until normalized
        assertEquals("\u8c48", RegisterFile.key("\uf900"));
        // a combining mark after a plain letter composes
        assertEquals("é", RegisterFile.key("e\u0301"));
        assertEquals("", RegisterFile.key(null));
    }

    @Test
    void textInItsComparableFormIsItself() {
        for (String text : new String[]{"罗平县鑫源商贸有限公司", "91530324MA6K0001X1", "曲靖市(工业园区)"}) {
            assertSame(text, RegisterFile.key(text));
        }
    }
}
