package cn.liangxin.web;

import cn.liangxin.rules.Explanations;
import io.quarkus.qute.TemplateExtension;

/** The message bundle ({@code messages/msg.properties}) for Java code and, as {@code m:}, for templates. */
@TemplateExtension(namespace = "m")
public final class Msg {

    private Msg() {
    }

    /** {@code {m:t('key')}}: the text under key. */
    public static String t(String key) {
        return Explanations.text(key);
    }

    /** The text under key with its {0}, {1} … filled in. */
    public static String t(String key, Object... args) {
        return Explanations.text(key, args);
    }

    /** {@code {m:percent(rate)}}: a rate as a person reads it, by the one rule ({@link cn.liangxin.rules.Rates}). */
    public static String percent(java.math.BigDecimal rate) {
        return cn.liangxin.rules.Rates.percent(rate);
    }

    /** The 409 message of an edit that lost the race: who changed the record last, and when. */
    public static String versionConflict(String name, String who, java.time.Instant when) {
        return t("org.versionConflict", name, who == null ? t("common.someone") : who,
                cn.liangxin.time.Days.minute(when));
    }

    /** {@code {m:minute(instant)}}: a moment to the minute in the counties' time, empty for none. */
    public static String minute(java.time.Instant when) {
        return cn.liangxin.time.Days.minute(when);
    }

    /** {@code {m:field('name')}}: the Chinese label of an API field. */
    public static String field(String name) {
        return Fields.label(name);
    }

    /** {@code {m:yesNo('secretaryCandidate', value)}}: 有/无 or 是/否, as the field reads (see {@link Fields#yesNo}). */
    public static String yesNo(String field, boolean value) {
        return Fields.yesNo(field, value);
    }

    /** {@code {m:label(value)}}: the Chinese name of an enum constant, empty for null. */
    /** The text under a key made of a prefix and a value: {m:of('register.source.', imp.source)}. */
    public static String of(String prefix, Object value) {
        return t(prefix + value);
    }

    /** {@link #of(String, Object)} with one argument: {m:of1('register.mismatch.', field, registry)}. */
    public static String of1(String prefix, Object value, Object argument) {
        return t(prefix + value, argument);
    }

    /** A value for a link's query string, percent-encoded (UTF-8): {m:query(q)}. */
    public static String query(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String label(Enum<?> value) {
        return Explanations.label(value);
    }
}
