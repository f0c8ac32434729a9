package cn.liangxin.text;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simplified answers what the converter answers, for every text, and hands it only the texts it changes. */
class SimplifiedTest {

    @Test
    void answersAsTheConverterForEveryEntryOfItsTablesAndEveryTownshipOfChina() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String table : List.of("/data/dictionary/TSCharacters.txt", "/data/dictionary/TSPhrases.txt")) {
            for (String line : lines(ZhConverterUtil.class, table)) {
                String key = line.strip().split("\\s+")[0];
                if (!key.isEmpty()) {
                    // alone, inside an address, and cut after its first character
                    texts.add(key);
                    texts.add("云南省罗平县" + key + "路12号");
                    texts.add(key.substring(0, 1) + "罗雄街道");
                }
            }
        }
        for (String file : List.of("/divisions/areas.csv", "/divisions/streets.csv")) {
            for (String line : lines(SimplifiedTest.class, file)) {
                String name = line.split(",")[1].replace("\"", "");
                texts.add(name);
                texts.add(ZhConverterUtil.toTraditional(name));
            }
        }
        assertTrue(texts.size() > 80_000, "texts: " + texts.size());
        for (String text : texts) {
            assertEquals(ZhConverterUtil.toSimple(text), Simplified.of(text), text);
        }
    }

    @Test
    void changesTraditionalCharactersAndThePhrasesTheConverterRewrites() {
        assertEquals("罗平县马街镇", Simplified.of("羅平縣馬街鎮"));
        assertEquals("注销", Simplified.of("註銷"));
        // a phrase written without a traditional character that the converter still rewrites
        assertEquals("一目了然", Simplified.of("一目瞭然"));
        assertTrue(Simplified.changes("一目瞭然"));
        assertNull(Simplified.of(null));
        assertEquals("", Simplified.of(""));
    }

    @Test
    void leavesSimplifiedTextToItselfWithoutTheConverter() {
        for (String text : List.of("云南省曲靖市罗平县罗雄街道九龙大道88号", "罗平县鑫源商贸有限责任公司", "存续(在营、开业、在册)",
                "陆良县马街镇", "曲靖市工业园区")) {
            assertFalse(Simplified.changes(text), text);
            assertSame(text, Simplified.of(text));
        }
    }

    private static List<String> lines(Class<?> from, String resource) throws IOException {
        try (InputStream in = from.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(resource.endsWith(".csv") ? 1 : 0).toList();
        }
    }
}
