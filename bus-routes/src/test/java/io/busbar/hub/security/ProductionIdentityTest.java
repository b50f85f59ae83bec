package io.busbar.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.busbar.hub.BusbarMain;

/**
 * Production refuses to start without a token audience (the whole start-up refusal, with its one line, is
 * ProductionProfileIT#withoutItsExternalSystemsTheProductionProfileRefusesToStartWithOneClearLine).
 */
class ProductionIdentityTest {

    @Test
    void theOidcAudienceIsARequiredProductionSetting() {
        Map<String, String> env = new HashMap<>();
        BusbarMain.PRODUCTION_SETTINGS.keySet().forEach(name -> env.put(name, "set"));
        assertThat(BusbarMain.missingProductionSettings(env::get, p -> null)).isEmpty();

        env.remove("BUSBAR_OIDC_AUDIENCE");
        assertThat(BusbarMain.missingProductionSettings(env::get, p -> null)).containsExactly("BUSBAR_OIDC_AUDIENCE");
        assertThat(BusbarMain.missingProductionSettings(env::get,
                p -> p.equals("quarkus.oidc.token.audience") ? "busbar-hub" : null)).isEmpty();
    }
}
