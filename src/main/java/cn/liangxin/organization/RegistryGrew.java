package cn.liangxin.organization;

/**
 * Fired, in the writing transaction, when organizations came into a county's registry by a person's
 * hand (the form, the API, a committed survey), so that what waits for them elsewhere (the
 * registers' unsurveyed lines) can be found at once.
 */
public record RegistryGrew(String countyCode) {
}
