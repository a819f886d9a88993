package app.asynchealth.tenant;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import app.asynchealth.platform.problem.ProblemException;
import app.asynchealth.platform.problem.ProblemType;
import app.asynchealth.platform.security.Caller;
import app.asynchealth.platform.web.EntityTags;
import app.asynchealth.platform.web.Page;
import app.asynchealth.platform.web.PageRequest;
import app.asynchealth.platform.web.Pagination;
import app.asynchealth.platform.web.Versioned;
import app.asynchealth.tenant.TenantRepresentations.NewTenant;
import app.asynchealth.tenant.TenantRepresentations.TenantChanges;
import app.asynchealth.tenant.TenantRepresentations.TenantView;

@ApplicationScoped
@Transactional
public class TenantService {

    static final String LIST = "tenants";

    private final TenantRepository tenants;
    private final ActiveTenants activeTenants;
    private final Caller caller;
    private final Pagination pagination;
    private final Clock clock;

    TenantService(TenantRepository tenants, ActiveTenants activeTenants, Caller caller, Pagination pagination,
            Clock clock) {
        this.tenants = tenants;
        this.activeTenants = activeTenants;
        this.caller = caller;
        this.pagination = pagination;
        this.clock = clock;
    }

    public Versioned<TenantView> create(NewTenant request) {
        if (tenants.findByIdOptional(request.id()).isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT, "A tenant with id '" + request.id() + "' already exists.");
        }
        Tenant tenant = new Tenant();
        tenant.id = request.id();
        tenant.name = request.name().strip();
        if (request.anonymityThreshold() != null) {
            tenant.anonymityThreshold = request.anonymityThreshold();
        }
        tenant.companySize = request.companySize();
        tenant.workingStyle = request.workingStyle();
        tenants.persistAndFlush(tenant);
        activeTenants.forget(tenant.id); // a token that came before the tenant may have been answered "unknown"
        return new Versioned<>(TenantView.of(tenant), tenant.version);
    }

    public Page<TenantView> list(PageRequest request) {
        return pagination.page(LIST, request, tenants.page(request), tenant -> tenant.id, TenantView::of);
    }

    public Versioned<TenantView> get(String id) {
        Tenant tenant = visible(id);
        return new Versioned<>(TenantView.of(tenant), tenant.version);
    }

    public Versioned<TenantView> update(String id, TenantChanges changes, String ifMatch) {
        Tenant tenant = visible(id);
        EntityTags.requireMatch(ifMatch, tenant.version);
        if (changes.name() != null) {
            tenant.name = changes.name().strip();
        }
        if (changes.anonymityThreshold() != null) {
            tenant.anonymityThreshold = changes.anonymityThreshold();
        }
        if (changes.companySize() != null) {
            tenant.companySize = changes.companySize();
        }
        if (changes.workingStyle() != null) {
            tenant.workingStyle = changes.workingStyle();
        }
        if (changes.liveProfiles() != null) {
            tenant.liveProfiles = changes.liveProfiles();
        }
        if (changes.disabled() != null) {
            if (!caller.isPlatformAdmin()) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only a platform administrator disables or enables a tenant.");
            }
            if (changes.disabled() != (tenant.disabledAt != null)) {
                tenant.disabledAt = changes.disabled() ? clock.instant() : null;
            }
        }
        tenants.flush();
        activeTenants.forget(id);
        return new Versioned<>(TenantView.of(tenant), tenant.version);
    }

    /** Platform administrators see every tenant; anybody else only their own, and another tenant is not found. */
    private Tenant visible(String id) {
        boolean own = caller.tenantId().map(id::equals).orElse(false);
        if (!own && !caller.isPlatformAdmin()) {
            throw ProblemException.notFound("Tenant");
        }
        return tenants.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Tenant"));
    }
}
