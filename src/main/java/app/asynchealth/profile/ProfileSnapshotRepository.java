package app.asynchealth.profile;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProfileSnapshotRepository implements PanacheRepositoryBase<ProfileSnapshot, UUID> {
}
