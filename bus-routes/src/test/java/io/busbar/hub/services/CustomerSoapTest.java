package io.busbar.hub.services;

import static io.busbar.hub.testsupport.SoapClients.soap11;
import static io.busbar.hub.testsupport.SoapClients.soap12;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import io.busbar.contract.common.v1.Address;
import io.busbar.contract.common.v1.Contact;
import io.busbar.contract.customer.service.v1.AccessDeniedFault;
import io.busbar.contract.customer.service.v1.ConflictFault;
import io.busbar.contract.customer.service.v1.CustomerServicePortType;
import io.busbar.contract.customer.service.v1.DeactivateCustomer;
import io.busbar.contract.customer.service.v1.GetCustomer;
import io.busbar.contract.customer.service.v1.InvalidRequestFault;
import io.busbar.contract.customer.service.v1.NotFoundFault;
import io.busbar.contract.customer.service.v1.RegisterCustomer;
import io.busbar.contract.customer.service.v1.SearchCustomers;
import io.busbar.contract.customer.service.v1.SearchCustomersResponse;
import io.busbar.contract.customer.service.v1.UpdateCustomer;
import io.busbar.contract.customer.v1.Customer;
import io.busbar.contract.customer.v1.CustomerData;
import io.busbar.contract.customer.v1.CustomerKind;
import io.busbar.contract.customer.v1.CustomerStatus;
import io.busbar.hub.testsupport.Database;
import io.busbar.hub.testsupport.Json;
import io.quarkus.test.junit.QuarkusTest;

/** The customer service's SOAP door (1.1 and 1.2) over real HTTP with WS-Security, every operation and fault. */
@QuarkusTest
class CustomerSoapTest {

    static final String CS = "demo-customer-service";

    final CustomerServicePortType soap11 = soap11(CustomerServicePortType.class, "customer", CS);
    final CustomerServicePortType soap12 = soap12(CustomerServicePortType.class, "customer", CS);

    @Test
    void everyOperationOverBothSoapVersions() throws Exception {
        String email = Json.uniqueEmail();
        Customer registered = soap11.registerCustomer(register(data("Alan Turing", email))).getCustomer();
        assertThat(registered.getCustomerId()).matches("CUS-\\d{8}");
        assertThat(registered.getStatus()).isEqualTo(CustomerStatus.ACTIVE);
        assertThat(registered.getAudit().getCreatedBy()).isEqualTo(CS);

        Customer read = soap12.getCustomer(get(registered.getCustomerId())).getCustomer();
        assertThat(read).usingRecursiveComparison().isEqualTo(registered);

        UpdateCustomer update = new UpdateCustomer();
        update.setCustomerId(registered.getCustomerId());
        update.setExpectedVersion(0);
        update.setCustomer(data("Alan M. Turing", email));
        Customer updated = soap12.updateCustomer(update).getCustomer();
        assertThat(updated.getName()).isEqualTo("Alan M. Turing");
        assertThat(updated.getAudit().getVersion()).isEqualTo(1);

        ConflictFault stale = catchThrowableOfType(ConflictFault.class, () -> soap11.updateCustomer(update));
        assertThat(stale.getFaultInfo().getCode()).isEqualTo("VERSION_MISMATCH");

        SearchCustomers search = new SearchCustomers();
        search.setEmail(email);
        SearchCustomersResponse found = soap11.searchCustomers(search);
        assertThat(found.getCustomers()).extracting(Customer::getCustomerId).containsExactly(registered.getCustomerId());
        assertThat(found.getPageInfo().getTotalItems()).isEqualTo(1);
        search.setEmail(null);
        search.setName("m. turing");
        search.setSize(1);
        assertThat(soap12.searchCustomers(search).getCustomers()).extracting(Customer::getCustomerId)
                .contains(registered.getCustomerId());

        DeactivateCustomer deactivate = new DeactivateCustomer();
        deactivate.setCustomerId(registered.getCustomerId());
        deactivate.setReason("duplicate record");
        Customer deactivated = soap11.deactivateCustomer(deactivate).getCustomer();
        assertThat(deactivated.getStatus()).isEqualTo(CustomerStatus.DEACTIVATED);
        assertThat(deactivated.getDeactivationReason()).isEqualTo("duplicate record");
        ConflictFault twice = catchThrowableOfType(ConflictFault.class, () -> soap12.deactivateCustomer(deactivate));
        assertThat(twice.getFaultInfo().getCode()).isEqualTo("ALREADY_DEACTIVATED");
    }

    @Test
    void everyDeclaredFault() throws Exception {
        NotFoundFault notFound = catchThrowableOfType(NotFoundFault.class, () -> soap11.getCustomer(get("CUS-99999998")));
        assertThat(notFound.getFaultInfo().getCode()).isEqualTo("CUSTOMER_NOT_FOUND");
        assertThat(notFound.getMessage()).isEqualTo("no customer CUS-99999998");

        long before = Database.count("select count(*) from customer.customer");
        InvalidRequestFault invalid = catchThrowableOfType(InvalidRequestFault.class,
                () -> soap12.registerCustomer(register(data("Bad Mail", "nobody-at-example"))));
        assertThat(invalid.getFaultInfo().getCode()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(invalid.getFaultInfo().getMessage()).contains("nobody-at-example").doesNotContain("Exception");
        InvalidRequestFault badId = catchThrowableOfType(InvalidRequestFault.class, () -> soap11.getCustomer(get("12")));
        assertThat(badId.getFaultInfo().getCode()).isEqualTo("SCHEMA_VIOLATION");
        assertThat(Database.count("select count(*) from customer.customer")).isEqualTo(before);

        String email = Json.uniqueEmail();
        soap11.registerCustomer(register(data("First", email)));
        ConflictFault taken = catchThrowableOfType(ConflictFault.class,
                () -> soap11.registerCustomer(register(data("Second", email))));
        assertThat(taken.getFaultInfo().getCode()).isEqualTo("EMAIL_IN_USE");

        CustomerServicePortType viewer = soap11(CustomerServicePortType.class, "customer", "demo-viewer");
        AccessDeniedFault denied = catchThrowableOfType(AccessDeniedFault.class, () -> viewer.getCustomer(get("CUS-00000001")));
        assertThat(denied.getFaultInfo().getCode()).isEqualTo("ACCESS_DENIED");
        CustomerServicePortType billing = soap12(CustomerServicePortType.class, "customer", "demo-billing");
        assertThat(catchThrowableOfType(AccessDeniedFault.class,
                () -> billing.registerCustomer(register(data("Nope", Json.uniqueEmail()))))).isNotNull();
    }

    static RegisterCustomer register(CustomerData data) {
        RegisterCustomer request = new RegisterCustomer();
        request.setCustomer(data);
        return request;
    }

    static GetCustomer get(String id) {
        GetCustomer request = new GetCustomer();
        request.setCustomerId(id);
        return request;
    }

    static CustomerData data(String name, String email) {
        CustomerData data = new CustomerData();
        data.setName(name);
        data.setKind(CustomerKind.ORGANISATION);
        Contact contact = new Contact();
        contact.setEmail(email);
        data.setContact(contact);
        Address address = new Address();
        address.setLine1("Bletchley Park");
        address.setCity("Milton Keynes");
        address.setPostalCode("MK3 6EB");
        address.setCountry("GB");
        data.setAddress(address);
        return data;
    }

}
