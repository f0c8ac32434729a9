package cn.liangxin.organization;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.Set;

/**
 * What a client sends to register or correct an organization. Without a {@code kind}, a USCC says
 * it (characters 1–2, {@link Kind#of}); when both are given and disagree, the kind stands and the
 * organization carries a warning.
 */
public record OrganizationInput(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 40) String uscc,
        @NotNull Kind kind,
        @NotBlank String townshipCode,
        @Size(max = 100) String community,
        @Size(max = 300) String address,
        @Size(max = 100) String building,
        @Pattern(regexp = "[A-T]") String industry,
        Boolean aboveScale,
        Status status,
        @NotNull @Min(value = 0, message = "{liangxin.count}") @Max(COUNT_MAX) Integer headcount,
        @NotNull @Min(value = 0, message = "{liangxin.count}") @Max(COUNT_MAX) Integer formalMembers,
        @Min(value = 0, message = "{liangxin.count}") @Max(COUNT_MAX) Integer probationaryMembers,
        @Min(value = 0, message = "{liangxin.count}") @Max(COUNT_MAX) Integer membersElsewhere,
        @Min(value = 0, message = "{liangxin.count}") @Max(COUNT_MAX) Integer activists,
        Boolean ownerIsMember,
        OwnerAttitude ownerAttitude,
        Boolean secretaryCandidate,
        Set<MassOrganization> massOrganizations,
        @Size(max = 50) String instructor,
        LocalDate plannedFormationOn,
        @Size(max = 500) String notPlannedReason,
        @Size(max = 50) String responsible,
        @Size(max = 1000) String notes,
        /** What the township does while the organization is not ripe for a party organization. */
        @Size(max = 500) String countermeasures,
        /** The version the client edited (required to change a record); a newer stored version is a conflict. */
        Integer version) {

    public OrganizationInput {
        if (kind == null) {
            kind = Kind.of(uscc).orElse(null);
        }
    }

    /** The fields in the order the API lists them (and a timeline lists its changes). */
    public static final java.util.List<String> FIELDS = cn.liangxin.history.History.fields(OrganizationInput.class);


    /** Upper bound of every count: more people than any organization has. */
    public static final int COUNT_MAX = 1_000_000;
}
