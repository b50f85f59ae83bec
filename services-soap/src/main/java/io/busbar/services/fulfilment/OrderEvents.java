package io.busbar.services.fulfilment;

import io.busbar.contract.order.v1.Order;

/**
 * What the fulfilment service tells the rest of the enterprise. The hub implements it by publishing on the bus, inside
 * the transaction that made the change: the event and the change commit together or not at all.
 */
public interface OrderEvents {

    /** An order was accepted for processing (status SUBMITTED); carries the whole order. */
    void submitted(Order order);
}
