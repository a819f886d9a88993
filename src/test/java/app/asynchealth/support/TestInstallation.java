package app.asynchealth.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares the one local installation (embedded PostgreSQL, keys, an SMTP server) that every test of the suite shares. */
@WithTestResource(value = LocalInstallationResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = MailServerResource.class, scope = TestResourceScope.GLOBAL)
public final class TestInstallation {

    private TestInstallation() {
    }
}
