package cn.liangxin.rules;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The Chinese texts of the rules, read from the service's message bundle. */
public final class Explanations {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("messages.msg", Locale.ROOT);

    private Explanations() {
    }

    /** The text under {@code key}, with {0}, {1}, … replaced by the arguments as written. */
    public static String text(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        if (args.length == 0) {
            return pattern;
        }
        Object[] plain = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            plain[i] = args[i] == null ? "" : String.valueOf(args[i]);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(plain);
    }

    /** The Chinese name of an enum constant: key {@code SimpleName.CONSTANT}. */
    public static String label(Enum<?> value) {
        return value == null ? "" : BUNDLE.getString(value.getDeclaringClass().getSimpleName() + "." + value.name());
    }

    public static boolean has(String key) {
        return BUNDLE.containsKey(key);
    }
}
