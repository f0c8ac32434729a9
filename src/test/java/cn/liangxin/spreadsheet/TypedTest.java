package cn.liangxin.spreadsheet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TypedTest {

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {"12|12", "１２|12", " 12 |12", "1,234|1234", "1，234|1234", "12人|12",
            "12名|12", "8个|8", "12.0|12", "0|0", "１２０人|120"})
    void countsAsClerksTypeThem(String typed, int value) {
        assertEquals(Optional.of(value), Typed.count(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "十二", "12a", "", "1234567890", "一二"})
    void notCounts(String typed) {
        assertEquals(Optional.empty(), Typed.count(typed));
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource(delimiter = '|', value = {"2009-12-05|2009-12-05", "2009/12/5|2009-12-05", "2009年12月5日|2009-12-05",
            "2009.12.5|2009-12-05", "２００９－１２－０５|2009-12-05", "40152|2009-12-05", "40152.0|2009-12-05",
            " 2009 年 12 月 5 日 |2009-12-05"})
    void datesInEveryOfficeForm(String typed, LocalDate date) {
        assertEquals(Optional.of(date), Typed.date(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2009-13-05", "2009-02-30", "明年", "12", "2009-12"})
    void notDates(String typed) {
        assertEquals(Optional.empty(), Typed.date(typed));
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({"是, true", "否, false", "有, true", "无, false", "無, false", "Y, true", "n, false", "√, true"})
    void yesNo(String typed, boolean value) {
        assertEquals(Optional.of(value), Typed.yesNo(typed));
    }
}
