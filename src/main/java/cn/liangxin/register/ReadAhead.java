package cn.liangxin.register;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads in a thread of its own, a little ahead of the one that takes what is read, so that reading
 * a register (parsing the file, finding each line's township) and matching and writing its lines
 * use two cores. At most {@link #BATCHES} batches of {@link #BATCH} items wait, so memory stays
 * small whatever the file's length. What the reading throws is thrown again by {@link #forEach};
 * {@link #close} stops the reading and waits for its thread, so the file may be closed after it.
 */
final class ReadAhead<T> implements AutoCloseable {

    static final int BATCH = 512;
    static final int BATCHES = 8;

    private final BlockingQueue<List<T>> queue = new ArrayBlockingQueue<>(BATCHES);
    /** Put after the last batch (or after a failure). */
    private final List<T> end = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private volatile int count;
    /** The batch being filled, by the reading thread alone. */
    private List<T> filling = new ArrayList<>(BATCH);

    /** What reads: hands each item it reads to {@code each} and answers how many it read. */
    @FunctionalInterface
    interface Reader<T> {
        int read(Consumer<T> each) throws Exception;
    }

    /** Starts {@code reader} in a thread of its own. */
    ReadAhead(String name, Reader<T> reader) {
        thread = new Thread(() -> {
            try {
                count = reader.read(item -> {
                    filling.add(item);
                    if (filling.size() == BATCH) {
                        put(filling);
                        filling = new ArrayList<>(BATCH);
                    }
                });
            } catch (Stopped e) {
                return;
            } catch (Throwable e) {
                failure = e;
            }
            try {
                if (!filling.isEmpty()) {
                    put(filling);
                }
                put(end);
            } catch (Stopped e) {
                // nobody takes any more
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Each item, in the order read, to {@code each}; answers what the reader answered, or throws what it threw. */
    int forEach(Consumer<T> each) throws Exception {
        while (true) {
            List<T> batch;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (batch == end) {
                if (failure != null) {
                    throw ReadAhead.<Exception>rethrow(failure);
                }
                return count;
            }
            batch.forEach(each);
        }
    }

    /** Stops the reading, if it still goes on, and waits for its thread. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(List<T> batch) {
        try {
            while (!queue.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            throw new Stopped();
        }
        if (stopped) {
            throw new Stopped();
        }
    }

    /** The reading was stopped by {@link #close}: nobody takes what it reads. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Throws what the reading threw, checked or not, as it was. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable e) throws E {
        throw (E) e;
    }
}
