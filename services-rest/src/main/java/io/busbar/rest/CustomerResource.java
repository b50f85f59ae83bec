package io.busbar.rest;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.busbar.contract.customer.service.v1.DeactivateCustomer;
import io.busbar.contract.customer.service.v1.GetCustomer;
import io.busbar.contract.customer.service.v1.RegisterCustomer;
import io.busbar.contract.customer.service.v1.SearchCustomers;
import io.busbar.contract.customer.service.v1.UpdateCustomer;
import io.busbar.contract.customer.v1.Customer;
import io.busbar.contract.customer.v1.CustomerData;
import io.busbar.services.common.Paging;
import io.busbar.services.customer.CustomerService;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.security.Authenticated;

/** The customer service's REST door: /api/v1/customers. */
@Path("/api/v1/customers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CustomerResource {

    static final String SCHEMA = "customer-service.xsd";

    /** Body of POST /customers/{id}/deactivation. */
    public record Deactivation(String reason) {
    }

    @Inject
    CustomerService customers;

    @Inject
    Access access;

    @Inject
    ContractValidator validator;

    @POST
    public Response register(CustomerData data) {
        access.require(Roles.CUSTOMER_WRITE);
        RegisterCustomer request = new RegisterCustomer();
        request.setCustomer(data);
        validator.validate(SCHEMA, request, "customer");
        Customer customer = customers.register(data);
        return Response.created(URI.create("/api/v1/customers/" + customer.getCustomerId()))
                .tag(ETags.of(customer.getAudit().getVersion())).entity(customer).build();
    }

    @GET
    @Path("{customerId}")
    public Response get(@PathParam("customerId") String customerId) {
        access.require(Roles.CUSTOMER_READ);
        GetCustomer request = new GetCustomer();
        request.setCustomerId(customerId);
        validator.validate(SCHEMA, request, null);
        return withTag(customers.get(customerId));
    }

    @PUT
    @Path("{customerId}")
    public Response update(@PathParam("customerId") String customerId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            CustomerData data) {
        access.require(Roles.CUSTOMER_WRITE);
        long version = ETags.requiredVersion(ifMatch);
        UpdateCustomer request = new UpdateCustomer();
        request.setCustomerId(customerId);
        request.setExpectedVersion(version);
        request.setCustomer(data);
        validator.validate(SCHEMA, request, "customer");
        return withTag(customers.update(customerId, version, data));
    }

    @GET
    public PageOf<Customer> search(@QueryParam("name") String name, @QueryParam("email") String email,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        access.require(Roles.CUSTOMER_READ);
        Integer page = Paging.number("page", pageParam);
        Integer size = Paging.number("size", sizeParam);
        SearchCustomers request = new SearchCustomers();
        request.setName(name);
        request.setEmail(email);
        request.setPage(page);
        request.setSize(size);
        validator.validate(SCHEMA, request, null);
        CustomerService.Page result = customers.search(name, email, page, size);
        return PageOf.of(result.customers(), result.pageInfo());
    }

    @POST
    @Path("{customerId}/deactivation")
    public Response deactivate(@PathParam("customerId") String customerId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            Deactivation body) {
        access.require(Roles.CUSTOMER_WRITE);
        DeactivateCustomer request = new DeactivateCustomer();
        request.setCustomerId(customerId);
        request.setReason(body == null ? null : body.reason());
        validator.validate(SCHEMA, request, null);
        return withTag(customers.deactivate(customerId, body.reason(), ETags.optionalVersion(ifMatch)));
    }

    static Response withTag(Customer customer) {
        return Response.ok(customer).tag(ETags.of(customer.getAudit().getVersion())).build();
    }
}
