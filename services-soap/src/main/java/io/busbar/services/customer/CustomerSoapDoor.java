package io.busbar.services.customer;

import jakarta.inject.Inject;

import io.busbar.contract.customer.service.v1.AccessDeniedFault;
import io.busbar.contract.customer.service.v1.ConflictFault;
import io.busbar.contract.customer.service.v1.CustomerServicePortType;
import io.busbar.contract.customer.service.v1.DeactivateCustomer;
import io.busbar.contract.customer.service.v1.DeactivateCustomerResponse;
import io.busbar.contract.customer.service.v1.GetCustomer;
import io.busbar.contract.customer.service.v1.GetCustomerResponse;
import io.busbar.contract.customer.service.v1.InvalidRequestFault;
import io.busbar.contract.customer.service.v1.NotFoundFault;
import io.busbar.contract.customer.service.v1.RegisterCustomer;
import io.busbar.contract.customer.service.v1.RegisterCustomerResponse;
import io.busbar.contract.customer.service.v1.SearchCustomers;
import io.busbar.contract.customer.service.v1.SearchCustomersResponse;
import io.busbar.contract.customer.service.v1.UpdateCustomer;
import io.busbar.contract.customer.service.v1.UpdateCustomerResponse;
import io.busbar.services.security.Roles;
import io.busbar.services.soap.Faults;
import io.busbar.services.soap.SoapDoor;

/**
 * The customer service's SOAP door: every operation, once. Two endpoints publish it, one per SOAP version
 * ({@link CustomerSoap11Endpoint}, {@link CustomerSoap12Endpoint}).
 */
public abstract class CustomerSoapDoor extends SoapDoor implements CustomerServicePortType {

    protected CustomerSoapDoor() {
        super(new Faults<>(NotFoundFault::new, InvalidRequestFault::new, ConflictFault::new, AccessDeniedFault::new));
    }

    @Inject
    CustomerService customers;

    @Override
    public RegisterCustomerResponse registerCustomer(RegisterCustomer request)
            throws InvalidRequestFault, ConflictFault, AccessDeniedFault {
        return call(Roles.CUSTOMER_WRITE, () -> {
            RegisterCustomerResponse response = new RegisterCustomerResponse();
            response.setCustomer(customers.register(request.getCustomer()));
            return response;
        });
    }

    @Override
    public GetCustomerResponse getCustomer(GetCustomer request) throws AccessDeniedFault, InvalidRequestFault, NotFoundFault {
        return call(Roles.CUSTOMER_READ, () -> {
            GetCustomerResponse response = new GetCustomerResponse();
            response.setCustomer(customers.get(request.getCustomerId()));
            return response;
        });
    }

    @Override
    public UpdateCustomerResponse updateCustomer(UpdateCustomer request)
            throws AccessDeniedFault, InvalidRequestFault, ConflictFault, NotFoundFault {
        return call(Roles.CUSTOMER_WRITE, () -> {
            UpdateCustomerResponse response = new UpdateCustomerResponse();
            response.setCustomer(customers.update(request.getCustomerId(), request.getExpectedVersion(),
                    request.getCustomer()));
            return response;
        });
    }

    @Override
    public SearchCustomersResponse searchCustomers(SearchCustomers request) throws AccessDeniedFault, InvalidRequestFault {
        return call(Roles.CUSTOMER_READ, () -> {
            CustomerService.Page page = customers.search(request.getName(), request.getEmail(), request.getPage(),
                    request.getSize());
            SearchCustomersResponse response = new SearchCustomersResponse();
            response.getCustomers().addAll(page.customers());
            response.setPageInfo(page.pageInfo());
            return response;
        });
    }

    @Override
    public DeactivateCustomerResponse deactivateCustomer(DeactivateCustomer request)
            throws AccessDeniedFault, InvalidRequestFault, ConflictFault, NotFoundFault {
        return call(Roles.CUSTOMER_WRITE, () -> {
            DeactivateCustomerResponse response = new DeactivateCustomerResponse();
            response.setCustomer(customers.deactivate(request.getCustomerId(), request.getReason(), null));
            return response;
        });
    }
}
