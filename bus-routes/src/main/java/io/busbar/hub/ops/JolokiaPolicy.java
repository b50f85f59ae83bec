package io.busbar.hub.ops;

import java.util.List;
import java.util.Locale;

import javax.management.ObjectName;

import org.apache.camel.quarkus.jolokia.restrictor.CamelJolokiaRestrictor;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jolokia.server.core.restrictor.AllowAllRestrictor;
import org.jolokia.server.core.util.HttpMethod;

/**
 * What the Jolokia agent allows (docs/adr/0017): Camel Quarkus's MBean domains, requests over POST only (a GET is a
 * link or an image any page can make a browser fetch), and browsers only from the origins listed in
 * {@code busbar.jolokia.allowed-origins} (none by default: Hawtio attaches from its own server). A request from any
 * other origin is refused and no answer carries CORS headers for it; clients without a browser send no Origin.
 */
public class JolokiaPolicy extends AllowAllRestrictor {

    private final CamelJolokiaRestrictor domains = new CamelJolokiaRestrictor();
    private final List<String> allowedOrigins = ConfigProvider.getConfig()
            .getOptionalValues("busbar.jolokia.allowed-origins", String.class).orElse(List.of()).stream()
            .map(o -> o.trim().toLowerCase(Locale.ROOT)).toList();

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.POST;
    }

    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        if (origin == null) {
            return strictCheck;
        }
        return allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return domains.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return domains.isAttributeWriteAllowed(name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return domains.isOperationAllowed(name, operation);
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return domains.isObjectNameHidden(name);
    }
}
