package cn.liangxin.text;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text in simplified characters (羅平縣馬街鎮 → 罗平县马街镇), by the traditional-to-simplified converter,
 * which is handed only the texts it would change. The converter segments every text it is given
 * against its phrase table, which costs far more than reading a name or an address; most texts a
 * county writes are simplified already. A text is its own simplified form when it holds no character
 * the converter's character table maps to another one and none of the phrases of its phrase table
 * that are written without such a character (乾隆, 一目瞭然): those are read from the converter's own
 * tables, so the answer is the converter's.
 */
public final class Simplified {

    private static final String CHARACTERS = "/data/dictionary/TSCharacters.txt";
    private static final String PHRASES = "/data/dictionary/TSPhrases.txt";

    /** The characters the converter maps to another one. */
    private static final BitSet CHANGED = new BitSet(1 << 16);
    /** The phrases written without a changed character, by their first character. */
    private static final Map<Character, List<String>> PHRASES_BY_FIRST = new HashMap<>();
    private static final BitSet PHRASE_FIRST = new BitSet(1 << 16);
    /** Whether the tables were found; when not, every text goes to the converter. */
    private static final boolean KNOWN;

    static {
        boolean known;
        try {
            for (String[] entry : entries(CHARACTERS)) {
                if (entry.length < 2 || !entry[1].equals(entry[0])) {
                    entry[0].chars().forEach(CHANGED::set);
                }
            }
            for (String[] entry : entries(PHRASES)) {
                String phrase = entry[0];
                if (phrase.chars().noneMatch(CHANGED::get)) {
                    PHRASES_BY_FIRST.computeIfAbsent(phrase.charAt(0), c -> new ArrayList<>()).add(phrase);
                    PHRASE_FIRST.set(phrase.charAt(0));
                }
            }
            known = true;
        } catch (MissingTable e) {
            known = false;
        }
        KNOWN = known;
    }

    private Simplified() {
    }

    /** The text in simplified characters; null stays null. */
    public static String of(String text) {
        return text == null || text.isEmpty() || !changes(text) ? text : ZhConverterUtil.toSimple(text);
    }

    /** Whether the converter would change anything in the text. */
    static boolean changes(String text) {
        if (!KNOWN) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (CHANGED.get(ch)) {
                return true;
            }
            if (PHRASE_FIRST.get(ch)) {
                for (String phrase : PHRASES_BY_FIRST.get(ch)) {
                    if (text.startsWith(phrase, i)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static final class MissingTable extends Exception {
    }

    /** The entries of one of the converter's tables: the key, then its values. */
    private static List<String[]> entries(String table) throws MissingTable {
        try (InputStream in = ZhConverterUtil.class.getResourceAsStream(table)) {
            if (in == null) {
                throw new MissingTable();
            }
            List<String[]> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] entry = line.strip().split("\\s+");
                if (!entry[0].isEmpty()) {
                    out.add(entry);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
