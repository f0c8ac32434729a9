package cn.liangxin.partyorg;

import cn.liangxin.rules.Formation;
import cn.liangxin.rules.PartyLevel;
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

/** A party organization (党组织) in the 两新 field; its key is (county_code, id). */
@Entity
@Table(name = "party_organization")
public class PartyOrganization extends PanacheEntityBase {

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
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public PartyLevel level;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Formation formation;
    @Column(name = "founded_on", nullable = false)
    public LocalDate foundedOn;
    @Column(name = "dissolved_on")
    public LocalDate dissolvedOn;
    @Column(length = 50)
    public String secretary;
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
        return dissolvedOn == null;
    }
}
