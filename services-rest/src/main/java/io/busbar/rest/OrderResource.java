package io.busbar.rest;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.busbar.contract.fulfilment.service.v1.ApproveOrder;
import io.busbar.contract.fulfilment.service.v1.CancelOrder;
import io.busbar.contract.fulfilment.service.v1.GetOrder;
import io.busbar.contract.fulfilment.service.v1.ListCustomerOrders;
import io.busbar.contract.fulfilment.service.v1.RecordShipment;
import io.busbar.contract.fulfilment.service.v1.RejectOrder;
import io.busbar.contract.fulfilment.service.v1.SubmitOrder;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.contract.order.v1.ShipmentData;
import io.busbar.services.common.Paging;
import io.busbar.services.fulfilment.FulfilmentService;
import io.busbar.services.security.Access;
import io.busbar.services.security.Roles;
import io.quarkus.security.Authenticated;

/** The order fulfilment service's REST door: /api/v1/orders. */
@Path("/api/v1/orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    static final String SCHEMA = "fulfilment-service.xsd";

    /** Body of POST /orders/{id}/cancellation and /rejection. */
    public record Reason(String reason) {
    }

    /** Body of POST /orders/{id}/approval. */
    public record Approval(String comment) {
    }

    @Inject
    FulfilmentService fulfilment;

    @Inject
    Access access;

    @Inject
    ContractValidator validator;

    /** 201 with the new order; 200 with the existing one when the customer reference was submitted before. */
    @POST
    public Response submit(OrderSubmission submission) {
        access.require(Roles.ORDER_WRITE);
        SubmitOrder request = new SubmitOrder();
        request.setOrder(submission);
        validator.validate(SCHEMA, request, "order");
        FulfilmentService.Submitted submitted = fulfilment.submit(submission);
        Order order = submitted.order();
        URI location = URI.create("/api/v1/orders/" + order.getOrderId());
        Response.ResponseBuilder response = submitted.created() ? Response.created(location)
                : Response.ok().location(location);
        return response.tag(ETags.of(order.getAudit().getVersion())).entity(order).build();
    }

    @GET
    @Path("{orderId}")
    public Response get(@PathParam("orderId") String orderId) {
        access.require(Roles.ORDER_READ);
        GetOrder request = new GetOrder();
        request.setOrderId(orderId);
        validator.validate(SCHEMA, request, null);
        return withTag(fulfilment.get(orderId));
    }

    @GET
    public PageOf<Order> list(@QueryParam("customerId") String customerId, @QueryParam("status") OrderStatus status,
            @QueryParam("page") String pageParam, @QueryParam("size") String sizeParam) {
        access.require(Roles.ORDER_READ);
        Integer page = Paging.number("page", pageParam);
        Integer size = Paging.number("size", sizeParam);
        ListCustomerOrders request = new ListCustomerOrders();
        request.setCustomerId(customerId);
        request.setStatus(status);
        request.setPage(page);
        request.setSize(size);
        validator.validate(SCHEMA, request, null);
        FulfilmentService.Page result = fulfilment.listForCustomer(customerId, status, page, size);
        return PageOf.of(result.orders(), result.pageInfo());
    }

    @POST
    @Path("{orderId}/cancellation")
    public Response cancel(@PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            Reason body) {
        access.require(Roles.ORDER_WRITE);
        CancelOrder request = new CancelOrder();
        request.setOrderId(orderId);
        request.setReason(body == null ? null : body.reason());
        validator.validate(SCHEMA, request, null);
        return withTag(fulfilment.cancel(orderId, body.reason(), ETags.optionalVersion(ifMatch)));
    }

    @POST
    @Path("{orderId}/shipment")
    public Response recordShipment(@PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            ShipmentData shipment) {
        access.require(Roles.ORDER_WRITE);
        RecordShipment request = new RecordShipment();
        request.setOrderId(orderId);
        request.setShipment(shipment);
        validator.validate(SCHEMA, request, "shipment");
        return withTag(fulfilment.recordShipment(orderId, shipment, ETags.optionalVersion(ifMatch)));
    }

    @POST
    @Path("{orderId}/approval")
    public Response approve(@PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            Approval body) {
        access.require(Roles.ORDER_WRITE);
        ApproveOrder request = new ApproveOrder();
        request.setOrderId(orderId);
        request.setComment(body == null ? null : body.comment());
        validator.validate(SCHEMA, request, null);
        return withTag(fulfilment.approve(orderId, request.getComment(), ETags.optionalVersion(ifMatch)));
    }

    @POST
    @Path("{orderId}/rejection")
    public Response reject(@PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            Reason body) {
        access.require(Roles.ORDER_WRITE);
        RejectOrder request = new RejectOrder();
        request.setOrderId(orderId);
        request.setReason(body == null ? null : body.reason());
        validator.validate(SCHEMA, request, null);
        return withTag(fulfilment.reject(orderId, body.reason(), ETags.optionalVersion(ifMatch)));
    }

    static Response withTag(Order order) {
        return Response.ok(order).tag(ETags.of(order.getAudit().getVersion())).build();
    }
}
