package io.busbar.hub.orders;

import io.busbar.hub.bus.BusAddress;

/** The bus addresses of the order process, by role (their names: {@code busbar.queue.*}, {@code busbar.topic.*}). */
public final class OrderAddresses {

    /** Submitted orders, from the doors to intake. */
    public static final BusAddress SUBMITTED = BusAddress.queue("order-submitted");
    /** Orders waiting for a person to approve or reject them. */
    public static final BusAddress APPROVAL = BusAddress.queue("order-approval");
    /** Accepted orders, to billing. */
    public static final BusAddress ACCEPTED = BusAddress.queue("order-accepted");
    /** Invoiced orders, to the warehouse. */
    public static final BusAddress INVOICED = BusAddress.queue("order-invoiced");
    /** Orders the warehouse cannot fulfil (or cancelled after invoicing), to compensation. */
    public static final BusAddress COMPENSATION = BusAddress.queue("order-compensation");
    /** Every state change of an order, for its subscribers. */
    public static final BusAddress EVENTS = BusAddress.topic("order-events");
    /** Fixed-length orders from the legacy order system. */
    public static final BusAddress LEGACY_ORDER_IN = BusAddress.queue("legacy-order-in");
    /** JSON orders from bus clients. */
    public static final BusAddress ORDER_INTAKE_JSON = BusAddress.queue("order-intake-json");
    /** Order events for the legacy order system, in its record format. */
    public static final BusAddress LEGACY_ORDER_OUT = BusAddress.queue("legacy-order-out");

    private OrderAddresses() {
    }
}
