package cn.liangxin.organization;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 31 symbols,
 * the last a check character over the first 17.
 */
public final class Uscc {

    static final String SYMBOLS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** Why a code is not valid. */
    public enum Problem {
        LENGTH, CHARACTERS, CHECK_CHARACTER
    }

    private Uscc() {
    }

    /** The problem with a code (already upper-cased and trimmed), or empty when it is valid. */
    public static Optional<Problem> check(String code) {
        if (code.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        for (int i = 0; i < 18; i++) {
            if (SYMBOLS.indexOf(code.charAt(i)) < 0) {
                return Optional.of(Problem.CHARACTERS);
            }
        }
        return code.charAt(17) == checkCharacter(code) ? Optional.empty() : Optional.of(Problem.CHECK_CHARACTER);
    }

    /**
     * A code as clerks type it, made comparable: spaces removed, full-width characters narrowed,
     * letters upper-cased. For forms and imports; the API takes codes as written.
     */
    public static String normalize(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        return java.text.Normalizer.normalize(typed, java.text.Normalizer.Form.NFKC).replaceAll("\\s", "").toUpperCase();
    }

    /** The check character of the first 17 characters of a code. */
    public static char checkCharacter(String code) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += SYMBOLS.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return SYMBOLS.charAt((31 - sum % 31) % 31);
    }
}
