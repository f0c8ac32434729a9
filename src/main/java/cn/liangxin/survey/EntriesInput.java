package cn.liangxin.survey;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Entries saved on a phone while out of signal, sent when it is back: each one organization's
 * answers by survey column key (mass organizations as a 、-separated list), the registry id it was
 * pre-filled from, and the id the phone gave it so that a repeat is not a second record.
 */
public record EntriesInput(Long campaignId, @NotEmpty @Size(max = 500) List<@Valid @NotNull Entry> entries) {

    public record Entry(@NotNull @Pattern(regexp = "[A-Za-z0-9_:.-]{8,100}") String clientId, Long registryId,
                        Integer registryVersion, @NotNull Map<String, String> values) {
    }
}
