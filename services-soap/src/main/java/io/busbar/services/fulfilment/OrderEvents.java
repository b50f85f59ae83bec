package io.busbar.services.fulfilment;

import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderStatus;

/**
 * What the fulfilment service tells the rest of the enterprise. The hub implements it by publishing on the bus, inside
 * the transaction that made the change: the event and the change commit together or not at all. Each call carries
 * the correlation id the order was submitted with.
 */
public interface OrderEvents {

    /** An order was accepted for processing (status SUBMITTED); carries the whole order. */
    void submitted(Order order, String correlationId);

    /** A person approved an order held for approval (now ACCEPTED): it goes on to billing. */
    void approved(Order order, String correlationId, String comment);

    /** A person rejected an order held for approval (now REJECTED). */
    void rejected(Order order, String correlationId, String reason);

    /** An order was cancelled by a caller; {@code previous} is the status it had, so an invoice can be credited. */
    void cancelled(Order order, String correlationId, OrderStatus previous, String reason);
}
