package cn.liangxin.web;

import java.util.List;

/**
 * The checks of an input that its bean constraints cannot make (a township in the caller's scope, a
 * credit code's check character, a date's range), run beside the constraints so that a refused form
 * or request names every problem at once. A service implements it for its input type as a CDI bean
 * ({@code @Unremovable}: it is looked up, not injected);
 * {@link InputChecks} finds it. Fields the constraints leave empty or malformed are theirs to report.
 */
public interface InputCheck<T> {

    Class<T> type();

    List<FieldError> check(T input);
}
