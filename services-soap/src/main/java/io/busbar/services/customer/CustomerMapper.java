package io.busbar.services.customer;

import io.busbar.contract.common.v1.Address;
import io.busbar.contract.common.v1.Contact;
import io.busbar.contract.customer.v1.Customer;
import io.busbar.contract.customer.v1.CustomerData;

/** Between the customer table and the canonical model. */
final class CustomerMapper {

    private CustomerMapper() {
    }

    static void apply(CustomerData data, CustomerEntity entity) {
        entity.name = data.getName().trim();
        entity.kind = data.getKind();
        entity.email = data.getContact().getEmail().trim();
        entity.phone = data.getContact().getPhone();
        Address a = data.getAddress();
        entity.addressLine1 = a.getLine1();
        entity.addressLine2 = a.getLine2();
        entity.city = a.getCity();
        entity.postalCode = a.getPostalCode();
        entity.region = a.getRegion();
        entity.country = a.getCountry();
    }

    static Customer toCustomer(CustomerEntity entity) {
        Customer customer = new Customer();
        customer.setCustomerId(entity.customerId);
        customer.setName(entity.name);
        customer.setKind(entity.kind);
        Contact contact = new Contact();
        contact.setEmail(entity.email);
        contact.setPhone(entity.phone);
        customer.setContact(contact);
        Address address = new Address();
        address.setLine1(entity.addressLine1);
        address.setLine2(entity.addressLine2);
        address.setCity(entity.city);
        address.setPostalCode(entity.postalCode);
        address.setRegion(entity.region);
        address.setCountry(entity.country);
        customer.setAddress(address);
        customer.setStatus(entity.status);
        customer.setDeactivationReason(entity.deactivationReason);
        customer.setAudit(entity.toAudit());
        return customer;
    }
}
