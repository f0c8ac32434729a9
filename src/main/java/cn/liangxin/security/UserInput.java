package cn.liangxin.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Set;

/**
 * An account as an administrator writes it. {@code password} is required for a new account and,
 * when absent on an update, left as it was.
 */
public record UserInput(
        @NotBlank @Pattern(regexp = "[^\\s:]{2,50}") String username,
        @Size(min = 8, max = 72) String password,
        @Size(min = 1, max = 3) Set<Role> roles,
        @Size(max = 200) Set<@Pattern(regexp = "\\d{9}") String> townships,
        Boolean enabled) {
}
