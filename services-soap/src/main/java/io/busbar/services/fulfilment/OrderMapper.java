package io.busbar.services.fulfilment;

import io.busbar.contract.common.v1.Address;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderLine;
import io.busbar.contract.order.v1.Shipment;
import io.busbar.contract.order.v1.StatusChange;
import io.busbar.services.common.Moneys;

/** Between the fulfilment tables and the canonical model. */
final class OrderMapper {

    private OrderMapper() {
    }

    static Order toOrder(OrderEntity e) {
        Order order = new Order();
        order.setOrderId(e.orderId);
        order.setCustomerId(e.customerId);
        order.setCustomerReference(e.customerReference);
        order.setSubmittedAt(e.submittedAt);
        for (OrderLineEntity l : e.lines) {
            OrderLine line = new OrderLine();
            line.setLineNumber(l.lineNumber);
            line.setSku(l.sku);
            line.setDescription(l.description);
            line.setQuantity(l.quantity);
            line.setUnitPrice(Moneys.of(l.unitPrice, e.currency));
            line.setLineTotal(Moneys.of(l.lineTotal, e.currency));
            order.getLines().add(line);
        }
        order.setTotal(Moneys.of(e.total, e.currency));
        if (e.shipLine1 != null) {
            Address address = new Address();
            address.setLine1(e.shipLine1);
            address.setLine2(e.shipLine2);
            address.setCity(e.shipCity);
            address.setPostalCode(e.shipPostalCode);
            address.setRegion(e.shipRegion);
            address.setCountry(e.shipCountry);
            order.setShippingAddress(address);
        }
        order.setStatus(e.status);
        for (StatusChangeEntity c : e.history) {
            StatusChange change = new StatusChange();
            change.setStatus(c.status);
            change.setChangedAt(c.changedAt);
            change.setChangedBy(c.changedBy);
            change.setReason(c.reason);
            order.getStatusHistory().add(change);
        }
        order.setInvoiceId(e.invoiceId);
        if (e.shipmentId != null) {
            Shipment shipment = new Shipment();
            shipment.setShipmentId(e.shipmentId);
            shipment.setCarrier(e.carrier);
            shipment.setTrackingNumber(e.trackingNumber);
            shipment.setShippedAt(e.shippedAt);
            order.setShipment(shipment);
        }
        order.setAudit(e.toAudit());
        return order;
    }
}
