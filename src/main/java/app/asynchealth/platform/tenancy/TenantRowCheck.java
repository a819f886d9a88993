package app.asynchealth.platform.tenancy;

import jakarta.persistence.PostLoad;

import org.jboss.logging.Logger;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;

/**
 * A tripwire behind row-level security: every tenant-owned entity Hibernate loads must belong to the tenant of the
 * unit of work. Row-level security makes another tenant's rows invisible; should the connection ever be bound to the
 * wrong tenant, the load fails here (the transaction rolls back, the caller gets a 404) instead of handing the row
 * out. Aggregates and bulk statements load no entity and are confined by row-level security alone.
 */
public class TenantRowCheck {

    private static final Logger LOG = Logger.getLogger(TenantRowCheck.class);

    @PostLoad
    void loaded(Object entity) {
        String owner = ((TenantOwned) entity).owningTenant();
        String bound = TenantContext.boundTenant();
        if (!bound.equals(owner)) {
            LOG.errorf("Refused a %s of another tenant loaded in a unit of work bound to %s: the connection's "
                    + "row-level security binding is wrong", entity.getClass().getSimpleName(), bound);
            throw new CrossTenantRow();
        }
    }

    /** A row of another tenant reached Hibernate; to the caller it does not exist. */
    public static final class CrossTenantRow extends ProblemException {
        CrossTenantRow() {
            super(ProblemType.NOT_FOUND, "There is no such resource.");
        }
    }

    /** An entity that belongs to one tenant. */
    public interface TenantOwned {
        String owningTenant();
    }
}
