package cn.liangxin.survey;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * How far the reading of an upload has come, by a token the uploading page chose, so that it can
 * show the rows read while a large file is checked. Kept in memory for the minutes an upload takes.
 */
@ApplicationScoped
public class ReadProgress {

    /** Rows read so far, and whether the reading is over. */
    public record State(long rows, boolean done) {
    }

    private record Entry(String user, long rows, boolean done, long touched) {
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final long KEEP_MILLIS = 10 * 60 * 1000;

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Whether a page's token is usable (else the upload simply goes without progress). */
    public static boolean valid(String token) {
        return token != null && TOKEN.matcher(token).matches();
    }

    void update(String token, String user, long rows, boolean done) {
        if (!valid(token)) {
            return;
        }
        long now = System.currentTimeMillis();
        entries.values().removeIf(e -> now - e.touched() > KEEP_MILLIS);
        if (entries.size() < 10_000 || entries.containsKey(token)) {
            entries.put(token, new Entry(user, rows, done, now));
        }
    }

    /** The state of a token the user started; nothing read yet for an unknown token or another user's. */
    public State get(String token, String user) {
        Entry e = token == null ? null : entries.get(token);
        if (e == null || !e.user().equals(user)) {
            return new State(0, false);
        }
        return new State(e.rows(), e.done());
    }
}
