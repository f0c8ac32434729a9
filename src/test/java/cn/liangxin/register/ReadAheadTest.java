package cn.liangxin.register;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading ahead in another thread keeps the order, the count and the failure of the reading. */
class ReadAheadTest {

    private static final int MANY = ReadAhead.BATCH * ReadAhead.BATCHES * 3 + 7;

    @Test
    void everyItemInTheOrderReadAndTheReadersAnswer() throws Exception {
        List<Integer> taken = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>("test", each -> {
            for (int i = 0; i < MANY; i++) {
                each.accept(i);
            }
            return -MANY;
        })) {
            assertEquals(-MANY, ahead.forEach(taken::add));
        }
        assertEquals(MANY, taken.size());
        for (int i = 0; i < MANY; i++) {
            assertEquals(i, taken.get(i));
        }
    }

    @Test
    void whatTheReaderThrowsIsThrownAsItWasAfterWhatItReadBefore() {
        IOException broken = new IOException("row 2000");
        List<Integer> taken = new ArrayList<>();
        try (ReadAhead<Integer> ahead = new ReadAhead<>("test", each -> {
            for (int i = 0; i < 2000; i++) {
                each.accept(i);
            }
            throw broken;
        })) {
            Exception thrown = assertThrows(Exception.class, () -> ahead.forEach(taken::add));
            assertSame(broken, thrown);
        }
        assertEquals(2000, taken.size());
    }

    @Test
    void closingWhenTheTakerFailsStopsTheReaderWhichWouldOtherwiseWaitForever() throws InterruptedException {
        AtomicInteger read = new AtomicInteger();
        Thread[] reader = new Thread[1];
        ReadAhead<Integer> ahead = new ReadAhead<>("test", each -> {
            reader[0] = Thread.currentThread();
            for (int i = 0; ; i++) {
                each.accept(i);
                read.incrementAndGet();
            }
        });
        assertThrows(IllegalArgumentException.class, () -> ahead.forEach(i -> {
            if (i == 10) {
                throw new IllegalArgumentException("the taker fails");
            }
        }));
        ahead.close();
        assertTrue(!reader[0].isAlive(), "the reader's thread has ended");
        assertTrue(read.get() <= ReadAhead.BATCH * (ReadAhead.BATCHES + 2), "it stopped reading: " + read.get());
    }
}
