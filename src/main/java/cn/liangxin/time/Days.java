package cn.liangxin.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Days end, and "today" is, in the time of the counties served, whatever the server's zone:
 * {@code liangxin.time-zone} ({@code LIANGXIN_TIME_ZONE}), Asia/Shanghai unless set.
 */
public final class Days {

    public static final ZoneId ZONE = ZoneId.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("liangxin.time-zone", String.class).orElse("Asia/Shanghai"));

    private Days() {
    }

    /** Today in the counties' time. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    private static final java.time.format.DateTimeFormatter MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);

    /** A moment as a clerk reads it: to the minute, in the counties' time; empty for none. */
    public static String minute(Instant when) {
        return when == null ? "" : MINUTE.format(when);
    }

    /** The last instant of a day: a report as of that day includes everything recorded on it. */
    public static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZONE).toInstant().minusNanos(1000);
    }
}
