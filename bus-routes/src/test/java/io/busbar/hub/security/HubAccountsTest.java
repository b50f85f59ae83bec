package io.busbar.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.busbar.hub.infra.HubAccounts;
import io.busbar.hub.infra.StartupCheckFailed;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The hub's accounts: bcrypt hashes from the configuration, salted (two hashes of one password differ), and the
 * embedded default's plain demo passwords.
 */
class HubAccountsTest {

    @Test
    void aBcryptHashChecksTheRightPasswordOnlyAndIsSalted() {
        String hash = BcryptUtil.bcryptHash("s3cret-Partner", 10);
        assertThat(hash).startsWith("$2a$10$").isNotEqualTo(BcryptUtil.bcryptHash("s3cret-Partner", 10));
        HubAccounts.Probe accounts = HubAccounts.probe(config(Map.of(
                "busbar.accounts.soappartner.password-hash", hash,
                "busbar.accounts.soappartner.roles", "customer-service, billing",
                // htpasswd -B writes $2y$: the same algorithm
                "busbar.accounts.ops.password-hash", "$2y$" + BcryptUtil.bcryptHash("ops-pass", 10).substring(4))));
        assertThat(accounts.users()).containsExactlyInAnyOrder("soappartner", "ops");
        assertThat(accounts.roles("soappartner")).containsExactlyInAnyOrder("customer-service", "billing");
        assertThat(accounts.check("soappartner", "s3cret-Partner")).isTrue();
        assertThat(accounts.check("soappartner", "s3cret-Partner")).as("remembered, still right").isTrue();
        assertThat(accounts.check("soappartner", "wrong")).isFalse();
        assertThat(accounts.check("soappartner", "s3cret-partner")).isFalse();
        assertThat(accounts.check("ops", "ops-pass")).isTrue();
        assertThat(accounts.check("ops", "s3cret-Partner")).isFalse();
    }

    @Test
    void anythingButABcryptHashIsRefusedAtStart() {
        for (String weak : new String[] { "plain-password",
                "9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043" }) {
            assertThatThrownBy(() -> HubAccounts.probe(config(Map.of("busbar.accounts.x.password-hash", weak))))
                    .isInstanceOf(StartupCheckFailed.class).hasMessageContaining("is not a bcrypt hash");
        }
    }

    @Test
    void aPlainDemoPasswordChecksExactlyAndIsReportedAsPlain() {
        HubAccounts.Probe accounts = HubAccounts.probe(config(Map.of(
                "busbar.accounts.demo-viewer.password", "demo-viewer", "busbar.accounts.demo-viewer.roles", "viewer",
                "busbar.accounts.partner.password-hash", BcryptUtil.bcryptHash("p", 10))));
        assertThat(accounts.users()).containsExactlyInAnyOrder("demo-viewer", "partner");
        assertThat(accounts.plainUsers()).containsExactly("demo-viewer");
        assertThat(accounts.roles("demo-viewer")).containsExactly("viewer");
        assertThat(accounts.roles("partner")).isEmpty();
        assertThat(accounts.check("demo-viewer", "demo-viewer")).isTrue();
        assertThat(accounts.check("demo-viewer", "Demo-viewer")).isFalse();
        assertThat(accounts.check("demo-viewer", "demo-viewer ")).isFalse();
        assertThat(accounts.check("demo-viewer", "")).isFalse();
    }

    @Test
    void aUserNameWithDotsIsQuotedInTheKeyAndKeepsItsRoles() {
        HubAccounts.Probe accounts = HubAccounts.probe(config(Map.of(
                "busbar.accounts.\"crm.partner\".password-hash", BcryptUtil.bcryptHash("crm-pass", 10),
                "busbar.accounts.\"crm.partner\".roles", "customer-service")));
        assertThat(accounts.users()).containsExactly("crm.partner");
        assertThat(accounts.roles("crm.partner")).containsExactly("customer-service");
        assertThat(accounts.check("crm.partner", "crm-pass")).isTrue();
    }

    @Test
    void anAccountWithBothAPasswordAndAHashOrAnEmptyPasswordIsRefusedAtStart() {
        assertThatThrownBy(() -> HubAccounts.probe(config(Map.of("busbar.accounts.x.password", "a",
                "busbar.accounts.x.password-hash", BcryptUtil.bcryptHash("a", 10)))))
                .isInstanceOf(StartupCheckFailed.class).hasMessageContaining("both a password and a password-hash");
        assertThatThrownBy(() -> HubAccounts.probe(config(Map.of("busbar.accounts.x.password", " "))))
                .isInstanceOf(StartupCheckFailed.class).hasMessageContaining("is empty");
    }

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 500)).build();
    }
}
