package io.busbar.metro.driver;

import java.math.BigDecimal;
import java.net.URL;
import java.util.List;

import jakarta.xml.ws.Holder;

import io.busbar.metro.wsdl.fulfilment.AccessDeniedFault;
import io.busbar.metro.wsdl.fulfilment.ConflictFault;
import io.busbar.metro.wsdl.fulfilment.FulfilmentService;
import io.busbar.metro.wsdl.fulfilment.FulfilmentServicePortType;
import io.busbar.metro.wsdl.fulfilment.InvalidRequestFault;
import io.busbar.metro.wsdl.fulfilment.Money;
import io.busbar.metro.wsdl.fulfilment.NotFoundFault;
import io.busbar.metro.wsdl.fulfilment.Order;
import io.busbar.metro.wsdl.fulfilment.OrderLineData;
import io.busbar.metro.wsdl.fulfilment.OrderStatus;
import io.busbar.metro.wsdl.fulfilment.OrderSubmission;
import io.busbar.metro.wsdl.fulfilment.PageInfo;
import io.busbar.metro.wsdl.fulfilment.ShipmentData;
import io.busbar.metro.wsdl.fulfilment.StatusChange;

/** Every operation of the order fulfilment service through the Metro-generated client. */
final class FulfilmentCalls {

    private final FulfilmentService service;
    private final String run;
    private final Seen seen;

    FulfilmentCalls(URL wsdl, String run, Seen seen) {
        this.service = new FulfilmentService(wsdl);
        this.run = run;
        this.seen = seen;
    }

    /** Submits, reads, lists, tries to ship, approve and reject, cancels; returns the id of the order left open. */
    String run(String customerId) throws Exception {
        FulfilmentServicePortType soap11 = service.getFulfilmentServiceSoap11();
        WsSecurityHandler.install(soap11, "demo-order-desk", "demo-order-desk", seen);
        FulfilmentServicePortType soap12 = service.getFulfilmentServiceSoap12();
        WsSecurityHandler wss12 = WsSecurityHandler.install(soap12, "demo-order-desk", "demo-order-desk", seen);
        seen.put("fulfilment.soap11.endpoint", CustomerCalls.endpoint(soap11));
        seen.put("fulfilment.soap12.endpoint", CustomerCalls.endpoint(soap12));

        // submit, and submit the same customer reference again
        Order order = soap11.submitOrder(submission(customerId, "PO-" + run));
        seen.put("fulfilment.submit.id", order.getOrderId());
        seen.put("fulfilment.submit.customerId", order.getCustomerId());
        seen.put("fulfilment.submit.customerReference", order.getCustomerReference());
        seen.put("fulfilment.submit.status", order.getStatus().value());
        seen.put("fulfilment.submit.lines", order.getLine().stream()
                .map(l -> l.getLineNumber() + " " + l.getSku() + " " + l.getQuantity() + " x "
                        + l.getUnitPrice().getAmount().stripTrailingZeros().toPlainString() + " = "
                        + l.getLineTotal().getAmount().stripTrailingZeros().toPlainString() + " "
                        + l.getLineTotal().getCurrency())
                .toList());
        seen.put("fulfilment.submit.total", order.getTotal().getAmount());
        seen.put("fulfilment.submit.currency", order.getTotal().getCurrency());
        Order again = soap11.submitOrder(submission(customerId, "PO-" + run));
        seen.put("fulfilment.resubmit.id", again.getOrderId());
        seen.put("fulfilment.resubmit.historySize", again.getStatusChange().size());

        // get, with its status history
        Order read = soap11.getOrder(order.getOrderId());
        seen.put("fulfilment.get.id", read.getOrderId());
        seen.put("fulfilment.get.status", read.getStatus().value());
        seen.put("fulfilment.get.history", history(read));
        seen.put("fulfilment.get.historyBy", read.getStatusChange().get(0).getChangedBy());
        seen.put("fulfilment.get.submittedAt", read.getSubmittedAt().toGregorianCalendar().toInstant().toString());
        seen.fault("fulfilment.get.unknown", () -> soap11.getOrder("ORD-99999999"), FulfilmentCalls::fault);

        // a new order is neither shippable nor waiting for approval
        ShipmentData shipment = new ShipmentData();
        shipment.setCarrier("Metro Parcel");
        shipment.setTrackingNumber("TRK-" + run);
        seen.fault("fulfilment.recordShipment", () -> soap11.recordShipment(order.getOrderId(), shipment),
                FulfilmentCalls::fault);
        seen.fault("fulfilment.approve", () -> soap11.approveOrder(order.getOrderId(), "looks right"),
                FulfilmentCalls::fault);
        seen.fault("fulfilment.reject", () -> soap11.rejectOrder(order.getOrderId(), "not wanted"),
                FulfilmentCalls::fault);

        // a second order, submitted over SOAP 1.2, cancelled, read back over SOAP 1.2
        Order second = soap12.submitOrder(submission(customerId, "PO-" + run + "-2"));
        seen.put("fulfilment.submit12.id", second.getOrderId());
        seen.put("fulfilment.submit12.responseEnvelope", wss12.responseEnvelope());
        Order cancelled = soap11.cancelOrder(second.getOrderId(), "changed my mind " + run);
        seen.put("fulfilment.cancel.status", cancelled.getStatus().value());
        seen.put("fulfilment.cancel.history", history(cancelled));
        Order cancelledRead = soap12.getOrder(second.getOrderId());
        seen.put("fulfilment.get12.status", cancelledRead.getStatus().value());
        seen.put("fulfilment.get12.history", history(cancelledRead));
        seen.put("fulfilment.get12.reason",
                cancelledRead.getStatusChange().get(cancelledRead.getStatusChange().size() - 1).getReason());
        seen.put("fulfilment.get12.responseEnvelope", wss12.responseEnvelope());

        // list: newest first, then only the cancelled ones
        Holder<List<Order>> orders = new Holder<>();
        Holder<PageInfo> info = new Holder<>();
        soap11.listCustomerOrders(customerId, null, 0, 10, orders, info);
        seen.put("fulfilment.list.ids", orders.value.stream().map(Order::getOrderId).toList());
        seen.put("fulfilment.list.info", List.of(info.value.getPage(), info.value.getSize(),
                info.value.getTotalItems(), info.value.getTotalPages()));
        Holder<List<Order>> cancelledOnly = new Holder<>();
        soap12.listCustomerOrders(customerId, OrderStatus.CANCELLED, null, null, cancelledOnly, new Holder<>());
        seen.put("fulfilment.list.cancelled.ids", cancelledOnly.value.stream().map(Order::getOrderId).toList());

        // a role this service does not admit
        FulfilmentServicePortType billing = service.getFulfilmentServiceSoap11();
        WsSecurityHandler.install(billing, "demo-billing", "demo-billing", seen);
        seen.fault("fulfilment.billing.submit", () -> billing.submitOrder(submission(customerId, "PO-" + run + "-b")),
                FulfilmentCalls::fault);
        return order.getOrderId();
    }

    private static List<String> history(Order order) {
        return order.getStatusChange().stream().map(StatusChange::getStatus).map(OrderStatus::value).toList();
    }

    private static OrderSubmission submission(String customerId, String reference) {
        OrderSubmission submission = new OrderSubmission();
        submission.setCustomerId(customerId);
        submission.setCustomerReference(reference);
        submission.getLine().add(line("SKU-1", "Metro widget", 2, "10.00"));
        submission.getLine().add(line("SKU-2", "Metro gadget", 1, "5.50"));
        return submission;
    }

    private static OrderLineData line(String sku, String description, int quantity, String unitPrice) {
        Money price = new Money();
        price.setAmount(new BigDecimal(unitPrice));
        price.setCurrency("EUR");
        OrderLineData line = new OrderLineData();
        line.setSku(sku);
        line.setDescription(description);
        line.setQuantity(quantity);
        line.setUnitPrice(price);
        return line;
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
