package io.busbar.hub.orders;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.jboss.logging.Logger;

import io.busbar.contract.billing.v1.Invoice;
import io.busbar.contract.billing.v1.InvoiceLineData;
import io.busbar.contract.customer.v1.Customer;
import io.busbar.contract.order.v1.CustomerSummary;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderAccepted;
import io.busbar.contract.order.v1.OrderCancelled;
import io.busbar.contract.order.v1.OrderCompensationRequested;
import io.busbar.contract.order.v1.OrderEvent;
import io.busbar.contract.order.v1.OrderHeld;
import io.busbar.contract.order.v1.OrderInvoiced;
import io.busbar.contract.order.v1.OrderLine;
import io.busbar.contract.order.v1.OrderShipped;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmitted;
import io.busbar.contract.order.v1.ShipmentData;
import io.busbar.hub.bus.BusHeaders;
import io.busbar.hub.connectors.soap.CreditDecision;
import io.busbar.hub.infra.HubConfig;
import io.busbar.services.billing.BillingService;
import io.busbar.services.customer.CustomerService;
import io.busbar.services.fulfilment.FulfilmentService;

/**
 * The work of each step of the order process, called by {@link OrderRoutes} inside the step's XA transaction. A step
 * takes the event it consumed and returns the event its route sends next, or null when there is nothing to send. Each
 * step re-reads the order under a row lock and returns null if the order has moved on (cancelled meanwhile, or the
 * step already ran): a late or repeated message has no effect.
 */
@ApplicationScoped
@Named("orderSteps")
public class OrderSteps {

    public static final String EVENT = "busbarEvent";
    public static final String CUSTOMER = "busbarCustomer";
    public static final String APPROVAL_REASON = "busbarApprovalReason";
    private static final Logger LOG = Logger.getLogger(OrderSteps.class);

    @Inject
    OrderMessages messages;

    @Inject
    RoutingRules rules;

    @Inject
    CustomerService customers;

    @Inject
    BillingService billing;

    @Inject
    FulfilmentService fulfilment;

    @Inject
    HubConfig config;

    /**
     * Reads and validates the message body as the event type the queue carries, puts its keys in the headers and the
     * event in {@link #EVENT}, from where the step takes it; the body stays the message as it arrived.
     */
    public void read(Exchange exchange, Class<? extends OrderEvent> type) {
        OrderEvent event = messages.read(exchange.getIn().getBody(String.class), type);
        Message in = exchange.getIn();
        in.setHeader(BusHeaders.ORDER_ID, event.getOrderId());
        in.setHeader(BusHeaders.CUSTOMER_ID, event.getCustomerId());
        in.setHeader(BusHeaders.CORRELATION_ID, event.getCorrelationId());
        exchange.setProperty(EVENT, event);
    }

    /** Content enricher: what the routing rules look at, as headers. */
    public void enrich(Exchange exchange) {
        OrderSubmitted submitted = exchange.getProperty(EVENT, OrderSubmitted.class);
        Order order = submitted.getOrder();
        Customer customer = customers.get(order.getCustomerId());
        Message in = exchange.getIn();
        // a plain decimal string: Camel's simple language compares it numerically and exactly; as a BigDecimal it
        // would be truncated to a long first (10000.01 > 10000 would be false)
        in.setHeader("busbarOrderTotal", order.getTotal().getAmount().toPlainString());
        in.setHeader("busbarOrderCurrency", order.getTotal().getCurrency());
        in.setHeader("busbarOrderLines", order.getLines().size());
        in.setHeader("busbarCustomerStatus", customer.getStatus().value());
        in.setHeader("busbarCustomerAgeDays",
                Duration.between(customer.getAudit().getCreatedAt(), OffsetDateTime.now(ZoneOffset.UTC)).toDays());
        long previous = fulfilment.previousOrders(order.getCustomerId(), order.getOrderId());
        in.setHeader("busbarCustomerPreviousOrders", previous);
        CustomerSummary summary = new CustomerSummary();
        summary.setCustomerId(customer.getCustomerId());
        summary.setName(customer.getName());
        summary.setStatus(customer.getStatus());
        summary.setRegisteredAt(customer.getAudit().getCreatedAt());
        summary.setPreviousOrders((int) previous);
        exchange.setProperty(CUSTOMER, summary);
    }

    /** The manual-approval rules the order matches, as the reason it is held ("" when it goes straight on). */
    public String approvalReason(Exchange exchange) {
        List<String> reasons = rules.manualApprovalReasons(exchange);
        String reason = reasons.isEmpty() ? "" : "manual approval: " + String.join(", ", reasons);
        String credit = exchange.getIn().getHeader(OrderCreditCheck.REASON, String.class);
        if (!reason.isEmpty() && credit != null && !exchange.getIn().getHeader(OrderCreditCheck.DECISION, "", String.class)
                .equals(CreditDecision.APPROVED)) {
            // the legacy system's words, cut to fit the status history's reason column with the rule names
            reason += " (credit check: " + (credit.length() > 300 ? credit.substring(0, 300) + "..." : credit) + ")";
        }
        return reason;
    }

    /** Content-based router, first branch: the order waits in the approval queue for a person. */
    public OrderHeld hold(@ExchangeProperty(EVENT) OrderSubmitted submitted,
            @ExchangeProperty(CUSTOMER) CustomerSummary customer, @Header(APPROVAL_REASON) String reason) {
        if (fulfilment.lockIfStatus(submitted.getOrderId(), OrderStatus.SUBMITTED).isEmpty()) {
            LOG.infof("Order %s is no longer SUBMITTED: intake has nothing to do", submitted.getOrderId());
            return null;
        }
        Order order = fulfilment.holdForApproval(submitted.getOrderId(), reason);
        OrderHeld event = OrderMessages.event(new OrderHeld(), order, submitted.getCorrelationId());
        event.setOrder(order);
        event.setCustomer(customer);
        event.setReason(reason);
        return event;
    }

    /** Content-based router, second branch: accepted, on to billing. */
    public OrderAccepted accept(@ExchangeProperty(EVENT) OrderSubmitted submitted,
            @ExchangeProperty(CUSTOMER) CustomerSummary customer) {
        if (fulfilment.lockIfStatus(submitted.getOrderId(), OrderStatus.SUBMITTED).isEmpty()) {
            LOG.infof("Order %s is no longer SUBMITTED: intake has nothing to do", submitted.getOrderId());
            return null;
        }
        Order order = fulfilment.accept(submitted.getOrderId(), "accepted by the routing rules");
        OrderAccepted event = OrderMessages.event(new OrderAccepted(), order, submitted.getCorrelationId());
        event.setOrder(order);
        event.setCustomer(customer);
        event.setReason("accepted by the routing rules");
        return event;
    }

    /** Billing: invoice the accepted order and hand it to the warehouse. */
    public OrderInvoiced invoice(@ExchangeProperty(EVENT) OrderAccepted accepted) {
        String orderId = accepted.getOrderId();
        Optional<Order> current = fulfilment.lockIfStatus(orderId, OrderStatus.ACCEPTED);
        if (current.isEmpty()) {
            LOG.infof("Order %s is no longer ACCEPTED: billing has nothing to do", orderId);
            return null;
        }
        Order order = current.get();
        Invoice invoice = billing.invoiceOfOrder(orderId).orElseGet(() -> billing.createInvoice(orderId,
                order.getCustomerId(), order.getTotal().getCurrency(), invoiceLines(order), null));
        Order invoiced = fulfilment.markInvoiced(orderId, invoice.getInvoiceId());
        OrderInvoiced event = OrderMessages.event(new OrderInvoiced(), invoiced, accepted.getCorrelationId());
        event.setOrder(invoiced);
        event.setInvoiceId(invoice.getInvoiceId());
        return event;
    }

    /**
     * The (simulated) warehouse: reserve and ship ({@link OrderShipped}); an order it cannot fulfil goes to
     * compensation ({@link OrderCompensationRequested}).
     */
    public OrderEvent ship(@ExchangeProperty(EVENT) OrderInvoiced invoiced) {
        String orderId = invoiced.getOrderId();
        Optional<Order> current = fulfilment.lockIfStatus(orderId, OrderStatus.INVOICED);
        if (current.isEmpty()) {
            LOG.infof("Order %s is no longer INVOICED: the warehouse has nothing to do", orderId);
            return null;
        }
        Order order = current.get();
        Optional<String> missing = firstSku(order, config.warehouse().unavailableSkus());
        if (missing.isEmpty() && firstSku(order, config.warehouse().freightSkus()).isPresent()) {
            LOG.infof("Order %s is reserved for the freight desk, which records its shipment", orderId);
            return null;
        }
        if (missing.isPresent()) {
            OrderCompensationRequested command = OrderMessages.event(new OrderCompensationRequested(), order,
                    invoiced.getCorrelationId());
            command.setOrder(order);
            command.setReason("warehouse cannot fulfil: " + missing.get() + " is out of stock");
            return command;
        }
        ShipmentData shipment = new ShipmentData();
        shipment.setCarrier(config.warehouse().carrier());
        shipment.setTrackingNumber("BB" + orderId.substring(4));
        Order shipped = fulfilment.recordShipment(orderId, shipment, null);
        OrderShipped event = OrderMessages.event(new OrderShipped(), shipped, invoiced.getCorrelationId());
        event.setOrder(shipped);
        return event;
    }

    /** Compensation: credit what is open on the invoice, end the order CANCELLED with the reason, announce it. */
    public OrderCancelled compensate(@ExchangeProperty(EVENT) OrderCompensationRequested request) {
        String orderId = request.getOrderId();
        Optional<BillingService.CreditNoteIssued> credit = billing.creditOpenBalanceOfOrder(orderId,
                "compensation: " + request.getReason());
        Order order = fulfilment.cancelUnfulfilled(orderId, request.getReason())
                .orElseGet(() -> fulfilment.get(orderId));
        OrderCancelled event = OrderMessages.event(new OrderCancelled(), order, request.getCorrelationId());
        event.setOrder(order);
        event.setReason(request.getReason());
        credit.ifPresent(c -> event.setCreditNoteId(c.creditNote().getCreditNoteId()));
        return event;
    }

    private static Optional<String> firstSku(Order order, String pattern) {
        Pattern skus = Pattern.compile(pattern);
        return order.getLines().stream().map(OrderLine::getSku).filter(sku -> skus.matcher(sku).matches()).findFirst();
    }

    static List<InvoiceLineData> invoiceLines(Order order) {
        return order.getLines().stream().map(line -> {
            InvoiceLineData data = new InvoiceLineData();
            data.setDescription(line.getSku() + " " + line.getDescription());
            data.setQuantity(line.getQuantity());
            data.setUnitPrice(line.getUnitPrice());
            return data;
        }).toList();
    }
}
