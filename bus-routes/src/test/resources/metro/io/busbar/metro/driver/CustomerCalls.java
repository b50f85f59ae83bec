package io.busbar.metro.driver;

import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.List;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.soap.SOAPFaultException;

import io.busbar.metro.wsdl.customer.AccessDeniedFault;
import io.busbar.metro.wsdl.customer.Address;
import io.busbar.metro.wsdl.customer.ConflictFault;
import io.busbar.metro.wsdl.customer.Contact;
import io.busbar.metro.wsdl.customer.Customer;
import io.busbar.metro.wsdl.customer.CustomerData;
import io.busbar.metro.wsdl.customer.CustomerKind;
import io.busbar.metro.wsdl.customer.CustomerService;
import io.busbar.metro.wsdl.customer.CustomerServicePortType;
import io.busbar.metro.wsdl.customer.InvalidRequestFault;
import io.busbar.metro.wsdl.customer.NotFoundFault;
import io.busbar.metro.wsdl.customer.PageInfo;

/** Every operation of the customer service through the Metro-generated client. */
final class CustomerCalls {

    /** The account of the customer-service role; its password is its name. */
    private static final String CLERK = "demo-customer-service";

    private final CustomerService service;
    private final String run;
    private final Seen seen;

    CustomerCalls(URL wsdl, String run, Seen seen) {
        this.service = new CustomerService(wsdl);
        this.run = run;
        this.seen = seen;
    }

    /** Registers, reads, updates, searches and deactivates; returns the id of the customer left active. */
    String run() throws Exception {
        CustomerServicePortType soap11 = service.getCustomerServiceSoap11();
        WsSecurityHandler wss11 = WsSecurityHandler.install(soap11, CLERK, CLERK, seen);
        CustomerServicePortType soap12 = service.getCustomerServiceSoap12();
        WsSecurityHandler wss12 = WsSecurityHandler.install(soap12, CLERK, CLERK, seen);
        seen.put("customer.soap11.endpoint", endpoint(soap11));
        seen.put("customer.soap12.endpoint", endpoint(soap12));
        seen.put("customer.proxy", Proxy.getInvocationHandler(soap11).getClass().getName());

        // register: one customer over SOAP 1.1, one over SOAP 1.2
        Customer person = soap11.registerCustomer(data("Metro Person " + run, CustomerKind.PERSON,
                "person." + run + "@metro.example.org", null, "1 Wsimport Street", "Utrecht", "3511 AB", "NL"));
        seen.put("customer.register.id", person.getCustomerId());
        seen.put("customer.register.name", person.getName());
        seen.put("customer.register.kind", person.getKind().value());
        seen.put("customer.register.email", person.getContact().getEmail());
        seen.put("customer.register.line1", person.getAddress().getLine1());
        seen.put("customer.register.postalCode", person.getAddress().getPostalCode());
        seen.put("customer.register.country", person.getAddress().getCountry());
        seen.put("customer.register.status", person.getStatus().value());
        seen.put("customer.register.createdBy", person.getAudit().getCreatedBy());
        seen.put("customer.register.envelope", wss11.responseEnvelope());

        Customer organisation = soap12.registerCustomer(data("Metro Organisation " + run, CustomerKind.ORGANISATION,
                "organisation." + run + "@metro.example.org", "+31 30 123 4567", "2 Binding Lane", "Delft", "2611 AA",
                "NL"));
        seen.put("customer.register12.id", organisation.getCustomerId());
        seen.put("customer.register12.kind", organisation.getKind().value());
        seen.put("customer.register12.phone", organisation.getContact().getPhone());
        seen.put("customer.register12.requestEnvelope", wss12.requestEnvelope());
        seen.put("customer.register12.responseEnvelope", wss12.responseEnvelope());

        // get
        Customer read = soap11.getCustomer(person.getCustomerId());
        seen.put("customer.get.id", read.getCustomerId());
        seen.put("customer.get.name", read.getName());
        seen.put("customer.get.city", read.getAddress().getCity());
        seen.put("customer.get.version", read.getAudit().getVersion());
        seen.put("customer.get.createdAt", read.getAudit().getCreatedAt().toGregorianCalendar().toInstant().toString());
        seen.fault("customer.get.unknown", () -> soap11.getCustomer("CUS-99999999"), CustomerCalls::fault);

        // update with the version just read; the same version again is stale
        long version = read.getAudit().getVersion();
        CustomerData moved = data("Metro Person " + run + " moved", CustomerKind.PERSON,
                "person." + run + "@metro.example.org", "+31 20 765 4321", "3 Endpoint Road", "Amsterdam", "1011 AB",
                "NL");
        Customer updated = soap11.updateCustomer(person.getCustomerId(), version, moved);
        seen.put("customer.update.name", updated.getName());
        seen.put("customer.update.city", updated.getAddress().getCity());
        seen.put("customer.update.phone", updated.getContact().getPhone());
        seen.put("customer.update.version", updated.getAudit().getVersion());
        seen.fault("customer.update.stale", () -> soap11.updateCustomer(person.getCustomerId(), version, moved),
                CustomerCalls::fault);

        // search: the two customers of this run, one per page; then by email over SOAP 1.2
        for (int page = 0; page < 2; page++) {
            Holder<List<Customer>> found = new Holder<>();
            Holder<PageInfo> info = new Holder<>();
            soap11.searchCustomers(run, null, page, 1, found, info);
            seen.put("customer.search.page" + page + ".ids", ids(found.value));
            seen.put("customer.search.page" + page + ".info", info(info.value));
        }
        Holder<List<Customer>> byEmail = new Holder<>();
        Holder<PageInfo> byEmailInfo = new Holder<>();
        soap12.searchCustomers(null, "organisation." + run + "@metro.example.org", null, null, byEmail, byEmailInfo);
        seen.put("customer.search.email.ids", ids(byEmail.value));
        seen.put("customer.search.email.info", info(byEmailInfo.value));

        // deactivate, and read the result back over SOAP 1.2
        String reason = "closed by the Metro test " + run;
        Customer deactivated = soap11.deactivateCustomer(organisation.getCustomerId(), reason);
        seen.put("customer.deactivate.status", deactivated.getStatus().value());
        seen.put("customer.deactivate.reason", deactivated.getDeactivationReason());
        Customer readBack = soap12.getCustomer(organisation.getCustomerId());
        seen.put("customer.get12.status", readBack.getStatus().value());
        seen.put("customer.get12.reason", readBack.getDeactivationReason());
        seen.put("customer.get12.responseEnvelope", wss12.responseEnvelope());

        // a role this service does not admit
        CustomerServicePortType viewer = service.getCustomerServiceSoap11();
        WsSecurityHandler.install(viewer, "demo-viewer", "demo-viewer", seen);
        seen.fault("customer.viewer.get", () -> viewer.getCustomer(person.getCustomerId()), CustomerCalls::fault);

        replay(person.getCustomerId());
        return person.getCustomerId();
    }

    /** The same UsernameToken nonce twice: the first request passes, the second is a SOAP fault. */
    private void replay(String customerId) throws Exception {
        CustomerServicePortType port = service.getCustomerServiceSoap11();
        WsSecurityHandler wss = WsSecurityHandler.install(port, CLERK, CLERK, seen);
        wss.reuseNonce(WsSecurityHandler.newNonce());
        seen.put("replay.first", port.getCustomer(customerId).getCustomerId());
        try {
            port.getCustomer(customerId);
            seen.put("replay.second", "no fault");
        } catch (SOAPFaultException e) {
            seen.put("replay.second", "SOAP fault");
            seen.put("replay.second.code", e.getFault().getFaultCodeAsQName().toString());
            seen.put("replay.second.reason", e.getFault().getFaultString());
            seen.put("replay.second.detail", e.getFault().getDetail() == null ? "none" : "present");
        }
    }

    private static CustomerData data(String name, CustomerKind kind, String email, String phone, String line1,
            String city, String postalCode, String country) {
        Contact contact = new Contact();
        contact.setEmail(email);
        contact.setPhone(phone);
        Address address = new Address();
        address.setLine1(line1);
        address.setCity(city);
        address.setPostalCode(postalCode);
        address.setCountry(country);
        CustomerData data = new CustomerData();
        data.setName(name);
        data.setKind(kind);
        data.setContact(contact);
        data.setAddress(address);
        return data;
    }

    private static List<String> ids(List<Customer> customers) {
        return customers.stream().map(Customer::getCustomerId).toList();
    }

    private static List<Object> info(PageInfo info) {
        return List.of(info.getPage(), info.getSize(), info.getTotalItems(), info.getTotalPages());
    }

    static String endpoint(Object port) {
        return (String) ((BindingProvider) port).getRequestContext().get(BindingProvider.ENDPOINT_ADDRESS_PROPERTY);
    }

    static String fault(Exception e) {
        if (e instanceof NotFoundFault f) {
            return "notFound/" + f.getFaultInfo().getCode();
        }
        if (e instanceof InvalidRequestFault f) {
            return "invalidRequest/" + f.getFaultInfo().getCode();
        }
        if (e instanceof ConflictFault f) {
            return "conflict/" + f.getFaultInfo().getCode();
        }
        if (e instanceof AccessDeniedFault f) {
            return "accessDenied/" + f.getFaultInfo().getCode();
        }
        return null;
    }
}
