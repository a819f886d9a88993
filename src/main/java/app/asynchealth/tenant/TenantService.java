package app.asynchealth.tenant;

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
    private final Caller caller;
    private final Pagination pagination;

    TenantService(TenantRepository tenants, Caller caller, Pagination pagination) {
        this.tenants = tenants;
        this.caller = caller;
        this.pagination = pagination;
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
        tenants.flush();
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
