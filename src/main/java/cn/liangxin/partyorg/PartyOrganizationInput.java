package cn.liangxin.partyorg;

import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** What a client sends to record or correct a party organization. */
public record PartyOrganizationInput(
        @NotBlank @Size(max = 200) String name,
        @NotNull PartyLevel level,
        @NotNull Formation formation,
        @NotBlank String townshipCode,
        @NotNull LocalDate foundedOn,
        LocalDate dissolvedOn,
        @Size(max = 50) String secretary,
        @NotNull @Size(min = 1, max = 500) List<@NotNull Long> coveredOrganizationIds,
        /** The version the client edited (required to change a record); a newer stored version is a conflict. */
        Integer version) {

    /** The fields in the order the API lists them (and a timeline lists its changes). */
    public static final java.util.List<String> FIELDS = cn.liangxin.history.History.fields(PartyOrganizationInput.class);

}
