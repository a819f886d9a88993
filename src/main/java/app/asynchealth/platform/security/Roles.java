package app.asynchealth.platform.security;

import java.util.Set;

/** The roles a token may carry (realm roles in Keycloak, the groups claim in the service's own tokens). */
public final class Roles {

    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String TEAM_LEAD = "team-lead";
    public static final String MEMBER = "member";
    public static final String HR_ANALYST = "hr-analyst";
    /** Held only by respondent credentials, which may do nothing but answer one assessment. */
    public static final String RESPONDENT = "respondent";

    public static final Set<String> ALL = Set.of(PLATFORM_ADMIN, TENANT_ADMIN, TEAM_LEAD, MEMBER, HR_ANALYST);

    private Roles() {
    }
}
