package cn.liangxin.organization;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.PartitionKey;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.Instant;
import java.time.LocalDate;

/** A 两新 organization of the registry. The table's key is (county_code, id). */
@Entity
@Table(name = "organization")
public class Organization extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "registry_id")
    @SequenceGenerator(name = "registry_id", sequenceName = "registry_id_seq", allocationSize = 50)
    public Long id;

    /** Named in every update and delete the entity writes: on a cluster, they reach one shard. */
    @PartitionKey
    @Column(name = "county_code", nullable = false, length = 6, updatable = false)
    public String countyCode;
    @Column(name = "township_code", nullable = false, length = 9)
    public String townshipCode;
    @Column(nullable = false, length = 200)
    public String name;
    @Column(length = 18)
    public String uscc;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Sector sector;
    @Column(length = 100)
    public String community;
    @Column(length = 300)
    public String address;
    @Column(length = 100)
    public String building;
    @Column(length = 1)
    public String industry;
    @Column(name = "above_scale", nullable = false)
    public boolean aboveScale;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Status status;
    @Column(nullable = false)
    public int headcount;
    @Column(name = "formal_members", nullable = false)
    public int formalMembers;
    @Column(name = "probationary_members", nullable = false)
    public int probationaryMembers;
    @Column(name = "members_elsewhere", nullable = false)
    public int membersElsewhere;
    @Column(nullable = false)
    public int activists;
    @Column(name = "owner_is_member", nullable = false)
    public boolean ownerIsMember;
    @Enumerated(EnumType.STRING)
    @Column(name = "owner_attitude", length = 16)
    public OwnerAttitude ownerAttitude;
    @Column(name = "secretary_candidate", nullable = false)
    public boolean secretaryCandidate;
    /** Comma-separated {@link MassOrganization} names, in enum order. */
    @Column(name = "mass_organizations", nullable = false, length = 64)
    public String massOrganizations = "";
    @Column(length = 50)
    public String instructor;
    @Column(name = "planned_formation_on")
    public LocalDate plannedFormationOn;
    @Column(name = "not_planned_reason", length = 500)
    public String notPlannedReason;
    @Column(length = 50)
    public String responsible;

    /** What the township does while the organization is not ripe for a party organization (工作措施). */
    @Column(name = "countermeasures", length = 500)
    public String countermeasures;
    @Column(length = 1000)
    public String notes;
    @Column(name = "created_by", length = 50, updatable = false)
    public String createdBy;
    @Column(name = "updated_by", length = 50)
    public String updatedBy;
    /** Where the last change came from: API, FORM or IMPORT n ROW r. */
    @Column(name = "updated_via", length = 60)
    public String updatedVia;
    @Version
    @Column(nullable = false)
    public int version;
    @CreationTimestamp
    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
    @UpdateTimestamp
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public boolean active() {
        return status != Status.CLOSED;
    }
}
