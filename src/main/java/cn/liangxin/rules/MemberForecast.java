package cn.liangxin.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * When an organization's formal members reach a number as its probationary members become formal,
 * one year after their admission (预备期一年). Probationary members without a known admission date
 * are not counted.
 */
public final class MemberForecast {

    /** The probation period. */
    public static final int PROBATION_YEARS = 1;

    private MemberForecast() {
    }

    /** The day a member admitted on {@code admitted} becomes formal. */
    public static LocalDate formalOn(LocalDate admitted) {
        return admitted.plusYears(PROBATION_YEARS);
    }

    /**
     * The first day on which {@code formal} members plus those of {@code admissions} who have become
     * formal reach {@code target}: empty when already reached, or never with the dates known.
     */
    public static Optional<LocalDate> reaches(int formal, List<LocalDate> admissions, int target) {
        int missing = target - formal;
        if (missing <= 0 || missing > admissions.size()) {
            return Optional.empty();
        }
        List<LocalDate> sorted = admissions.stream().sorted().toList();
        return Optional.of(formalOn(sorted.get(missing - 1)));
    }

    /** Formal members on a day: those now plus the probationary members formal by then. */
    public static int formalOn(int formal, List<LocalDate> admissions, LocalDate day) {
        return formal + (int) admissions.stream().filter(a -> !formalOn(a).isAfter(day)).count();
    }
}
