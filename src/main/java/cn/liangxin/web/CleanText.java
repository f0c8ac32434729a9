package cn.liangxin.web;

/**
 * Text a person could have typed: no control characters (other than tab and line breaks) and no
 * broken UTF-16, which PostgreSQL would refuse halfway through a write.
 */
public final class CleanText {

    private CleanText() {
    }

    /** Whether the text may be stored as it is. */
    public static boolean ok(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
