package cn.liangxin.database;

import java.io.IOException;
import java.io.Writer;

/** Values in the text format of PostgreSQL's {@code COPY … FROM STDIN}: \N for null, t/f, tabs and line ends escaped. */
public final class CopyText {

    private CopyText() {
    }

    /** One value, without the tab that separates it from the next. */
    public static void value(Writer out, Object v) throws IOException {
        if (v == null) {
            out.write("\\N");
            return;
        }
        if (v instanceof Boolean b) {
            out.write(b ? 't' : 'f');
            return;
        }
        String s = v.toString();
        if (plain(s)) {
            out.write(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.write("\\\\");
                case '\t' -> out.write("\\t");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                default -> out.write(ch);
            }
        }
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return false;
            }
        }
        return true;
    }
}
