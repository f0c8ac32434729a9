package cn.liangxin.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * An account as an administrator writes it. {@code password} is required for a new account and,
 * when absent on an update, left as it was. {@code divisions} are the nodes the account is bound
 * to (9-digit townships for TOWNSHIP_STAFF, 6-digit counties for COUNTY, 4-digit prefectures or
 * 2-digit provinces for REGION); {@code townships} is still accepted for a clerk's townships.
 */
public record UserInput(
        @NotBlank @Pattern(regexp = "[^\\s:]{2,50}") String username,
        @Size(min = 8, max = 72) String password,
        @Size(min = 1, max = 4, message = "{liangxin.roles}") Set<Role> roles,
        @Size(max = 400) Set<@Pattern(regexp = "\\d{2}|\\d{4}|\\d{6}|\\d{9}") String> divisions,
        @Size(max = 200) Set<@Pattern(regexp = "\\d{9}") String> townships,
        Boolean enabled) {

    /** Every division named, in either field. */
    Set<String> allDivisions() {
        Set<String> all = new java.util.TreeSet<>();
        if (divisions != null) {
            all.addAll(divisions);
        }
        if (townships != null) {
            all.addAll(townships);
        }
        return all;
    }
}
