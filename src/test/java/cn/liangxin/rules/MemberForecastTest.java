package cn.liangxin.rules;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MemberForecastTest {

    @Test
    void theSecondProbationerAdmittedDecidesWhenTwoMoreAreNeeded() {
        List<LocalDate> admitted = List.of(LocalDate.of(2026, 12, 15), LocalDate.of(2026, 3, 1), LocalDate.of(2027, 1, 10));
        assertEquals(Optional.of(LocalDate.of(2027, 12, 15)), MemberForecast.reaches(1, admitted, 3),
                "admitted in December 2026, formal in December 2027: across the year boundary");
        assertEquals(Optional.of(LocalDate.of(2027, 3, 1)), MemberForecast.reaches(2, admitted, 3));
        assertEquals(Optional.of(LocalDate.of(2028, 1, 10)), MemberForecast.reaches(0, admitted, 3));
        assertEquals(Optional.empty(), MemberForecast.reaches(3, admitted, 3), "already there");
        assertEquals(Optional.empty(), MemberForecast.reaches(46, admitted, 50), "four short, three in the pipeline");
        assertEquals(Optional.of(LocalDate.of(2028, 1, 10)), MemberForecast.reaches(47, admitted, 50));
    }

    @Test
    void leapDayAdmissionsBecomeFormalOnTheLastDayOfFebruary() {
        assertEquals(LocalDate.of(2025, 2, 28), MemberForecast.formalOn(LocalDate.of(2024, 2, 29)));
    }

    @Test
    void countingOnADayIncludesThatDay() {
        List<LocalDate> admitted = List.of(LocalDate.of(2026, 5, 20), LocalDate.of(2026, 5, 21));
        assertEquals(2, MemberForecast.formalOn(2, admitted, LocalDate.of(2027, 5, 19)));
        assertEquals(3, MemberForecast.formalOn(2, admitted, LocalDate.of(2027, 5, 20)));
        assertEquals(4, MemberForecast.formalOn(2, admitted, LocalDate.of(2027, 5, 21)));
    }
}
