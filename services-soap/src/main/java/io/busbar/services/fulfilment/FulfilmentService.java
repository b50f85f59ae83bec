package io.busbar.services.fulfilment;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.busbar.contract.common.v1.Address;
import io.busbar.contract.common.v1.PageInfo;
import io.busbar.contract.order.v1.Order;
import io.busbar.contract.order.v1.OrderLineData;
import io.busbar.contract.order.v1.OrderStatus;
import io.busbar.contract.order.v1.OrderSubmission;
import io.busbar.contract.order.v1.ShipmentData;
import io.busbar.services.common.Actor;
import io.busbar.services.common.AuditedEntity;
import io.busbar.services.common.BusinessIds;
import io.busbar.services.common.Correlation;
import io.busbar.services.common.Moneys;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.common.Transactions;
import io.busbar.services.customer.CustomerService;

/** The order fulfilment service: orders, their status history and shipments. */
@ApplicationScoped
// A business outcome does not doom the caller's transaction: a bus route that gets one parks its message and commits.
// Where the database already failed (a unique key), the service marks the transaction rollback-only itself.
@Transactional(dontRollbackOn = ServiceException.class)
public class FulfilmentService {

    /** Orders in these states can still be cancelled. */
    static final Set<OrderStatus> CANCELLABLE = EnumSet.of(OrderStatus.SUBMITTED, OrderStatus.PENDING_APPROVAL,
            OrderStatus.ACCEPTED, OrderStatus.INVOICED);

    public record Page(List<Order> orders, PageInfo pageInfo) {
    }

    /** The order a submission names, and whether this submission created it (false: a resubmission). */
    public record Submitted(Order order, boolean created) {
    }

    @Inject
    EntityManager em;

    @Inject
    Actor actor;

    @Inject
    CustomerService customers;

    @Inject
    OrderEvents events;

    @Inject
    Correlation correlation;

    /**
     * Accepts a submission for an existing customer and publishes it under the correlation id of the HTTP request in
     * progress. The same customer reference submitted again returns the order it created; reused for different
     * lines, it is a conflict.
     */
    public Submitted submit(OrderSubmission submission) {
        return submit(submission, correlation.id());
    }

    /** As {@link #submit(OrderSubmission)}, for work that carries its own correlation id (a message on the bus). */
    public Submitted submit(OrderSubmission submission, String correlationId) {
        customers.get(submission.getCustomerId());
        List<OrderLineData> lines = submission.getLines();
        String currency = lines.get(0).getUnitPrice().getCurrency();
        Optional<OrderEntity> existing = byReference(submission.getCustomerId(), submission.getCustomerReference());
        if (existing.isPresent()) {
            return new Submitted(sameSubmission(calledAbout(existing.get()), lines), false);
        }
        OrderEntity order = new OrderEntity();
        order.orderId = BusinessIds.next(em, "fulfilment.order_id_seq", "ORD");
        order.customerId = submission.getCustomerId();
        order.customerReference = submission.getCustomerReference();
        order.submittedAt = AuditedEntity.now();
        order.correlationId = correlationId;
        order.currency = currency;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < lines.size(); i++) {
            OrderLineData data = lines.get(i);
            OrderLineEntity line = new OrderLineEntity();
            line.order = order;
            line.lineNumber = i + 1;
            line.sku = data.getSku();
            line.description = data.getDescription();
            line.quantity = data.getQuantity();
            line.unitPrice = Moneys.amountIn(data.getUnitPrice(), currency, "lines[" + i + "].unitPrice", false);
            line.lineTotal = line.unitPrice.multiply(BigDecimal.valueOf(line.quantity));
            total = total.add(line.lineTotal);
            order.lines.add(line);
        }
        order.total = total;
        Address ship = submission.getShippingAddress();
        if (ship != null) {
            order.shipLine1 = ship.getLine1();
            order.shipLine2 = ship.getLine2();
            order.shipCity = ship.getCity();
            order.shipPostalCode = ship.getPostalCode();
            order.shipRegion = ship.getRegion();
            order.shipCountry = ship.getCountry();
        }
        order.created(actor.name());
        transition(order, OrderStatus.SUBMITTED, null);
        em.persist(order);
        try {
            em.flush();
        } catch (ConstraintViolationException e) {
            Transactions.rollbackOnly();
            throw new ServiceException.Conflict("REFERENCE_IN_USE", "customer reference " + submission.getCustomerReference()
                    + " was submitted at the same time by another request: read the order and try again");
        }
        Order result = OrderMapper.toOrder(calledAbout(order));
        events.submitted(result, order.correlationId);
        return new Submitted(result, true);
    }

    public Order get(String orderId) {
        return OrderMapper.toOrder(find(orderId, LockModeType.NONE));
    }

    /** Cancels an order that has not shipped. */
    public Order cancel(String orderId, String reason, Long expectedVersion) {
        OrderEntity order = calledAbout(find(orderId, LockModeType.PESSIMISTIC_WRITE));
        requireVersion(order, expectedVersion);
        if (order.status == OrderStatus.SHIPPED) {
            throw new ServiceException.Conflict("ALREADY_SHIPPED", "order " + orderId + " has shipped: it cannot be cancelled");
        }
        if (!CANCELLABLE.contains(order.status)) {
            throw new ServiceException.Conflict("NOT_CANCELLABLE", "order " + orderId + " is " + order.status);
        }
        OrderStatus previous = order.status;
        transition(order, OrderStatus.CANCELLED, reason);
        Order result = flushed(order);
        events.cancelled(result, order.correlationId, previous, reason);
        return result;
    }

    /**
     * Compensation: cancels an order that will not ship, unless it is already cancelled (a caller cancelled it, or
     * compensation ran before). Empty when there is nothing left to cancel.
     */
    public Optional<Order> cancelUnfulfilled(String orderId, String reason) {
        OrderEntity order = find(orderId, LockModeType.PESSIMISTIC_WRITE);
        if (!CANCELLABLE.contains(order.status)) {
            return Optional.empty();
        }
        transition(order, OrderStatus.CANCELLED, reason);
        return Optional.of(flushed(order));
    }

    /** Locks the order for the next step of the process and returns it if it is (still) in the expected status. */
    public Optional<Order> lockIfStatus(String orderId, OrderStatus expected) {
        OrderEntity order = find(orderId, LockModeType.PESSIMISTIC_WRITE);
        return order.status == expected ? Optional.of(OrderMapper.toOrder(order)) : Optional.empty();
    }

    /** The correlation id the order was submitted with. */
    public String correlationId(String orderId) {
        return find(orderId, LockModeType.NONE).correlationId;
    }

    /** How many orders the customer submitted before this one. */
    public long previousOrders(String customerId, String orderId) {
        return em.createQuery("select count(o) from OrderEntity o where o.customerId = :customer and o.orderId < :order",
                Long.class).setParameter("customer", customerId).setParameter("order", orderId).getSingleResult();
    }

    public Page listForCustomer(String customerId, OrderStatus status, Integer page, Integer size) {
        Paging paging = Paging.of(page, size);
        String where = " where o.customerId = :customer" + (status == null ? "" : " and o.status = :status");
        TypedQuery<OrderEntity> query = em.createQuery(
                "from OrderEntity o" + where + " order by o.submittedAt desc, o.orderId desc", OrderEntity.class);
        TypedQuery<Long> count = em.createQuery("select count(o) from OrderEntity o" + where, Long.class);
        for (TypedQuery<?> q : List.of(query, count)) {
            q.setParameter("customer", customerId);
            if (status != null) {
                q.setParameter("status", status);
            }
        }
        List<Order> orders = query.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList()
                .stream().map(OrderMapper::toOrder).toList();
        return new Page(orders, paging.info(count.getSingleResult()));
    }

    /** Records the shipment of an invoiced order. */
    public Order recordShipment(String orderId, ShipmentData shipment, Long expectedVersion) {
        OrderEntity order = calledAbout(find(orderId, LockModeType.PESSIMISTIC_WRITE));
        requireVersion(order, expectedVersion);
        if (order.status != OrderStatus.INVOICED) {
            throw new ServiceException.Conflict("NOT_SHIPPABLE", "order " + orderId + " is " + order.status
                    + ": only an invoiced order ships");
        }
        order.shipmentId = BusinessIds.next(em, "fulfilment.shipment_id_seq", "SHP");
        order.carrier = shipment.getCarrier();
        order.trackingNumber = shipment.getTrackingNumber();
        order.shippedAt = shipment.getShippedAt() == null ? AuditedEntity.now() : shipment.getShippedAt();
        transition(order, OrderStatus.SHIPPED, "shipped with " + shipment.getCarrier() + " " + shipment.getTrackingNumber());
        return flushed(order);
    }

    /** Approves an order held for manual approval. */
    public Order approve(String orderId, String comment, Long expectedVersion) {
        OrderEntity order = pendingApproval(orderId, expectedVersion);
        transition(order, OrderStatus.ACCEPTED, comment == null ? "approved" : comment);
        Order result = flushed(order);
        events.approved(result, order.correlationId, comment);
        return result;
    }

    /** Rejects an order held for manual approval. */
    public Order reject(String orderId, String reason, Long expectedVersion) {
        OrderEntity order = pendingApproval(orderId, expectedVersion);
        transition(order, OrderStatus.REJECTED, reason);
        Order result = flushed(order);
        events.rejected(result, order.correlationId, reason);
        return result;
    }

    /** The bus holds an order for a person to approve. */
    public Order holdForApproval(String orderId, String reason) {
        OrderEntity order = find(orderId, LockModeType.PESSIMISTIC_WRITE);
        requireStatus(order, OrderStatus.SUBMITTED);
        transition(order, OrderStatus.PENDING_APPROVAL, reason);
        return flushed(order);
    }

    /** The bus accepts an order without a person. */
    public Order accept(String orderId, String reason) {
        OrderEntity order = find(orderId, LockModeType.PESSIMISTIC_WRITE);
        requireStatus(order, OrderStatus.SUBMITTED);
        transition(order, OrderStatus.ACCEPTED, reason);
        return flushed(order);
    }

    /** Billing has invoiced an accepted order. */
    public Order markInvoiced(String orderId, String invoiceId) {
        OrderEntity order = find(orderId, LockModeType.PESSIMISTIC_WRITE);
        requireStatus(order, OrderStatus.ACCEPTED);
        order.invoiceId = invoiceId;
        transition(order, OrderStatus.INVOICED, "invoice " + invoiceId);
        return flushed(order);
    }

    private OrderEntity pendingApproval(String orderId, Long expectedVersion) {
        OrderEntity order = calledAbout(find(orderId, LockModeType.PESSIMISTIC_WRITE));
        requireVersion(order, expectedVersion);
        if (order.status != OrderStatus.PENDING_APPROVAL) {
            throw new ServiceException.Conflict("NOT_PENDING_APPROVAL", "order " + orderId + " is " + order.status
                    + ", not waiting for approval");
        }
        return order;
    }

    /** A caller's request that acts on the order is part of the order's flow (see {@link Correlation#about}). */
    private OrderEntity calledAbout(OrderEntity order) {
        correlation.about(order.correlationId, order.orderId, order.customerId);
        return order;
    }

    private static void requireStatus(OrderEntity order, OrderStatus expected) {
        if (order.status != expected) {
            throw new ServiceException.Conflict("UNEXPECTED_STATUS", "order " + order.orderId + " is " + order.status
                    + ", not " + expected);
        }
    }

    private void transition(OrderEntity order, OrderStatus status, String reason) {
        StatusChangeEntity change = new StatusChangeEntity();
        change.order = order;
        change.sequence = order.history.size() + 1;
        change.status = status;
        change.changedAt = AuditedEntity.now();
        change.changedBy = actor.name();
        change.reason = reason;
        order.history.add(change);
        order.status = status;
        if (order.createdAt != null && change.sequence > 1) {
            order.updated(change.changedBy);
        }
    }

    private Order flushed(OrderEntity order) {
        em.flush();
        return OrderMapper.toOrder(order);
    }

    private Order sameSubmission(OrderEntity order, List<OrderLineData> lines) {
        boolean same = order.lines.size() == lines.size();
        for (int i = 0; same && i < lines.size(); i++) {
            OrderLineEntity have = order.lines.get(i);
            OrderLineData want = lines.get(i);
            same = have.sku.equals(want.getSku()) && have.quantity == want.getQuantity()
                    && have.unitPrice.compareTo(want.getUnitPrice().getAmount()) == 0
                    && order.currency.equals(want.getUnitPrice().getCurrency());
        }
        if (!same) {
            throw new ServiceException.Conflict("REFERENCE_IN_USE", "customer reference " + order.customerReference
                    + " already names order " + order.orderId + " with other lines");
        }
        return OrderMapper.toOrder(order);
    }

    private Optional<OrderEntity> byReference(String customerId, String reference) {
        return em.createQuery("from OrderEntity o where o.customerId = :customer and o.customerReference = :reference",
                OrderEntity.class).setParameter("customer", customerId).setParameter("reference", reference)
                .getResultStream().findFirst();
    }

    private OrderEntity find(String orderId, LockModeType lock) {
        OrderEntity order = em.find(OrderEntity.class, orderId, lock);
        if (order == null) {
            throw new ServiceException.NotFound("ORDER_NOT_FOUND", "no order " + orderId);
        }
        return order;
    }

    private static void requireVersion(OrderEntity order, Long expectedVersion) {
        if (expectedVersion != null && order.version != expectedVersion) {
            throw new ServiceException.Conflict("VERSION_MISMATCH", "order " + order.orderId + " is at version "
                    + order.version + ", not " + expectedVersion + ": read it again");
        }
    }
}
