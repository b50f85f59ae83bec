package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteFileNameTest {

    @ParameterizedTest
    @ValueSource(strings = { "orders.yaml", "orders.yml", "orders.xml", "crm-customer_intake.v2.yaml", "0.yaml" })
    void plainRouteFileNamesAreAccepted(String name) {
        assertThat(RouteFileName.check(name)).hasValue(name);
        assertThat(RouteFileName.resolve(Path.of("/data/routes"), name)).isEqualTo(Path.of("/data/routes", name));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../evil.yaml", "..\\evil.yaml", "/tmp/evil.yaml", "sub/evil.yaml", ".hidden.yaml",
            "evil.sh", "evil.yaml.tmp", "evil..yaml", "..", "", " orders.yaml", "evil.yaml\u0000.txt", "é.yaml",
            "-evil.yaml", "orders.YAML~" })
    void anythingElseIsRefused(String name) {
        assertThat(RouteFileName.check(name)).isEmpty();
        assertThatThrownBy(() -> RouteFileName.resolve(Path.of("/data/routes"), name))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a.xml", "a.XML" })
    void theExtensionGivesTheFormat(String name) {
        assertThat(RouteFileName.format(name)).isEqualTo(RouteFileName.Format.XML);
        assertThat(RouteFileName.format("a.yml")).isEqualTo(RouteFileName.Format.YAML);
    }
}
