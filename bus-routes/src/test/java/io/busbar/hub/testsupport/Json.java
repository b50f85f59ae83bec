package io.busbar.hub.testsupport;

import java.util.Map;
import java.util.UUID;

/** Request bodies the tests send, as JSON text. */
public final class Json {

    private Json() {
    }

    public static String customer(String name, String email) {
        return """
                {"name": "%s", "kind": "PERSON",
                 "contact": {"email": "%s", "phone": "+44 20 7946 0000"},
                 "address": {"line1": "1 Analytical Way", "city": "London", "postalCode": "N1 9GU", "country": "GB"}}
                """.formatted(name, email);
    }

    public static String uniqueEmail() {
        return "c-" + UUID.randomUUID() + "@example.org";
    }

    public static String order(String customerId, String reference, String currency, Map<String, String> skuToPrice) {
        StringBuilder lines = new StringBuilder();
        skuToPrice.forEach((sku, price) -> lines.append(lines.isEmpty() ? "" : ",").append("""
                {"sku": "%s", "description": "Item %s", "quantity": 2, "unitPrice": {"amount": "%s", "currency": "%s"}}
                """.formatted(sku, sku, price, currency)));
        return """
                {"customerId": "%s", "customerReference": "%s", "lines": [%s],
                 "shippingAddress": {"line1": "2 Difference St", "city": "Leeds", "postalCode": "LS1 1AA", "country": "GB"}}
                """.formatted(customerId, reference, lines);
    }

    public static String invoice(String orderId, String customerId, String currency, String... unitPrices) {
        StringBuilder lines = new StringBuilder();
        for (String price : unitPrices) {
            lines.append(lines.isEmpty() ? "" : ",").append("""
                    {"description": "Engine part", "quantity": 2, "unitPrice": {"amount": "%s", "currency": "%s"}}
                    """.formatted(price, currency));
        }
        return """
                {"orderId": "%s", "customerId": "%s", "currency": "%s", "lines": [%s]}
                """.formatted(orderId, customerId, currency, lines);
    }
}
