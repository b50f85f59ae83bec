package io.busbar.hub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.busbar.hub.testsupport.HubTestResource;
import io.busbar.hub.testsupport.RouteTestKit;
import io.busbar.hub.testsupport.RouteTestKit.RouteUnderTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Java example of docs/authoring-routes.md ("Testing routes"), as it is shown there. */
@QuarkusTest
@QuarkusTestResource(HubTestResource.class)
class CrmCustomerIntakeRouteTest {
    @Inject
    CamelContext camel;

    @Test
    void registersAndAnnounces() throws Exception {
        String crmCustomer = Files.readString(Path.of("../docs/authoring-routes/crm-customer.json"));
        try (RouteUnderTest route = RouteTestKit.in(camel).load(Path.of("../docs/authoring-routes/crm-customer-intake.yaml"))
                .stub("kamelet:busbar-bus-publish*").start()) {
            Exchange done = route.send(crmCustomer);
            assertThat(done.getException()).isNull();
            assertThat(route.stubbed("kamelet:busbar-bus-publish*").getReceivedCounter()).isEqualTo(1);
        }
    }
}
