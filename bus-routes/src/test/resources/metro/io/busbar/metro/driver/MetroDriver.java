package io.busbar.metro.driver;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.xml.ws.spi.Provider;

/**
 * Drives the three Busbar SOAP services through the client Metro's wsimport generated from the WSDLs the running hub
 * serves. Input: {@code baseUrl} (the hub) and {@code run} (a token that keeps this run's data apart). Output: what it
 * saw, by name, for the test to assert.
 */
public final class MetroDriver implements Function<Map<String, String>, Map<String, Object>> {

    @Override
    public Map<String, Object> apply(Map<String, String> input) {
        String base = input.get("baseUrl");
        String run = input.get("run");
        Seen seen = new Seen();
        seen.put("provider", Provider.provider().getClass().getName());
        try {
            String customerId = new CustomerCalls(new URL(base + "/soap/customer?wsdl"), run, seen).run();
            String orderId = new FulfilmentCalls(new URL(base + "/soap/fulfilment?wsdl"), run, seen).run(customerId);
            new BillingCalls(new URL(base + "/soap/billing?wsdl"), run, seen).run(customerId, orderId);
        } catch (Exception e) {
            throw new IllegalStateException("the Metro client failed after " + seen.values.keySet().size()
                    + " observations " + seen.values + ": " + e, e);
        }
        seen.put("exchanges", List.copyOf(seen.exchanges));
        return seen.values;
    }
}
