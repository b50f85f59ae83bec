package io.busbar.hub.mediation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.busbar.contract.customer.service.v1.RegisterCustomer;
import io.busbar.contract.customer.v1.CustomerData;
import io.busbar.hub.bus.InvalidMessageException;
import io.busbar.rest.ContractValidator;
import io.busbar.services.common.ServiceException;
import io.busbar.services.customer.CustomerService;

/**
 * Hub services called from routes (template {@code busbar-service-call}): JSON in, JSON out, the same JSON as the REST
 * door. A request is checked against the service's contract first; one that breaks it is an invalid message. The call
 * joins the route's transaction, so what the service writes commits or rolls back with the message.
 * <p>
 * A business refusal (a {@link ServiceException}, e.g. an email already in use) marks that transaction rollback-only,
 * as every transactional service call does: the message is redelivered and, once its attempts are used up, parked in
 * {@code DLQ.<queue>} with the refusal as its reason.
 */
@ApplicationScoped
@Named("hubServices")
public class HubServiceCalls {

    public static final String OPERATION = "busbarOperation";
    /** The operations routes may call: keep the enum of kamelets/busbar-service-call.kamelet.yaml the same. */
    public static final List<String> OPERATIONS = List.of("customer.get", "customer.register");

    @Inject
    CustomerService customers;

    @Inject
    ContractValidator contract;

    @Inject
    ObjectMapper json;

    public String call(@ExchangeProperty(OPERATION) String operation, @Body String body) throws JsonProcessingException {
        return switch (operation == null ? "" : operation) {
            case "customer.register" -> json.writeValueAsString(customers.register(registration(body)));
            case "customer.get" -> json.writeValueAsString(customers.get(customerId(body)));
            default -> throw new IllegalArgumentException("no hub service operation '" + operation + "' (there are "
                    + OPERATIONS + ")");
        };
    }

    private CustomerData registration(String body) {
        CustomerData data = read(body, CustomerData.class, "customer.register");
        RegisterCustomer request = new RegisterCustomer();
        request.setCustomer(data);
        try {
            contract.validate("customer-service.xsd", request, "customer");
        } catch (ServiceException.InvalidRequest e) {
            throw new InvalidMessageException("customer.register: " + describe(e));
        }
        return data;
    }

    private String customerId(String body) {
        JsonNode id = read(body, JsonNode.class, "customer.get").get("customerId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new InvalidMessageException("customer.get needs {\"customerId\": \"...\"}");
        }
        return id.asText();
    }

    private <T> T read(String body, Class<T> type, String operation) {
        try {
            T value = json.readValue(body == null ? "" : body, type);
            if (value == null) {
                throw new InvalidMessageException(operation + ": the message is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException(operation + ": the message does not fit the contract: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String describe(ServiceException.InvalidRequest e) {
        if (e.violations().isEmpty()) {
            return e.getMessage();
        }
        Map<String, String> fields = e.violations().stream().collect(Collectors.toMap(v -> v.field(), v -> v.reason(),
                (a, b) -> a + "; " + b, java.util.LinkedHashMap::new));
        return fields.entrySet().stream().map(f -> f.getKey() + ": " + f.getValue()).collect(Collectors.joining(", "));
    }
}
