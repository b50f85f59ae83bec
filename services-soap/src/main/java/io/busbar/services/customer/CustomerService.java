package io.busbar.services.customer;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.busbar.contract.common.v1.PageInfo;
import io.busbar.contract.customer.v1.Customer;
import io.busbar.contract.customer.v1.CustomerData;
import io.busbar.contract.customer.v1.CustomerStatus;
import io.busbar.services.common.Actor;
import io.busbar.services.common.BusinessIds;
import io.busbar.services.common.Paging;
import io.busbar.services.common.ServiceException;
import io.busbar.services.common.Transactions;

/** The customer service: one implementation of each operation, behind both doors and the bus. */
@ApplicationScoped
// A business outcome does not doom the caller's transaction: a bus route that gets one parks its message and commits.
// Where the database already failed (a unique key), the service marks the transaction rollback-only itself.
@Transactional(dontRollbackOn = ServiceException.class)
public class CustomerService {

    public record Page(List<Customer> customers, PageInfo pageInfo) {
    }

    @Inject
    EntityManager em;

    @Inject
    Actor actor;

    public Customer register(CustomerData data) {
        requireUniqueEmail(data.getContact().getEmail(), null);
        CustomerEntity entity = new CustomerEntity();
        entity.customerId = BusinessIds.next(em, "customer.customer_id_seq", "CUS");
        CustomerMapper.apply(data, entity);
        entity.status = CustomerStatus.ACTIVE;
        entity.created(actor.name());
        em.persist(entity);
        flushUniqueEmail(data);
        return CustomerMapper.toCustomer(entity);
    }

    public Customer get(String customerId) {
        return CustomerMapper.toCustomer(find(customerId));
    }

    /** Replaces the customer's data if {@code expectedVersion} is still its version. */
    public Customer update(String customerId, long expectedVersion, CustomerData data) {
        CustomerEntity entity = em.find(CustomerEntity.class, customerId, LockModeType.OPTIMISTIC);
        if (entity == null) {
            throw notFound(customerId);
        }
        requireVersion(entity, expectedVersion);
        requireUniqueEmail(data.getContact().getEmail(), customerId);
        CustomerMapper.apply(data, entity);
        entity.updated(actor.name());
        flushUniqueEmail(data);
        return CustomerMapper.toCustomer(entity);
    }

    public Page search(String name, String email, Integer page, Integer size) {
        Paging paging = Paging.of(page, size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (name != null && !name.isBlank()) {
            where.append(" and lower(c.name) like :name");
        }
        if (email != null && !email.isBlank()) {
            where.append(" and lower(c.email) = :email");
        }
        TypedQuery<CustomerEntity> query = em.createQuery("from CustomerEntity c" + where + " order by c.customerId",
                CustomerEntity.class);
        TypedQuery<Long> count = em.createQuery("select count(c) from CustomerEntity c" + where, Long.class);
        for (TypedQuery<?> q : List.of(query, count)) {
            if (name != null && !name.isBlank()) {
                q.setParameter("name", "%" + likeEscaped(name.trim().toLowerCase(Locale.ROOT)) + "%");
            }
            if (email != null && !email.isBlank()) {
                q.setParameter("email", email.trim().toLowerCase(Locale.ROOT));
            }
        }
        List<Customer> customers = query.setFirstResult(paging.offset()).setMaxResults(paging.size()).getResultList()
                .stream().map(CustomerMapper::toCustomer).toList();
        return new Page(customers, paging.info(count.getSingleResult()));
    }

    /** Deactivates the customer; with an {@code expectedVersion}, only if that is still its version. */
    public Customer deactivate(String customerId, String reason, Long expectedVersion) {
        CustomerEntity entity = find(customerId);
        requireVersion(entity, expectedVersion);
        if (entity.status == CustomerStatus.DEACTIVATED) {
            throw new ServiceException.Conflict("ALREADY_DEACTIVATED", "customer " + customerId + " is already deactivated");
        }
        entity.status = CustomerStatus.DEACTIVATED;
        entity.deactivationReason = reason;
        entity.updated(actor.name());
        em.flush();
        return CustomerMapper.toCustomer(entity);
    }

    private static void requireVersion(CustomerEntity entity, Long expectedVersion) {
        if (expectedVersion != null && entity.version != expectedVersion) {
            throw new ServiceException.Conflict("VERSION_MISMATCH", "customer " + entity.customerId + " is at version "
                    + entity.version + ", not " + expectedVersion + ": read it again");
        }
    }

    private CustomerEntity find(String customerId) {
        CustomerEntity entity = em.find(CustomerEntity.class, customerId);
        if (entity == null) {
            throw notFound(customerId);
        }
        return entity;
    }

    private void requireUniqueEmail(String email, String exceptCustomerId) {
        List<String> holders = em.createQuery("select c.customerId from CustomerEntity c where lower(c.email) = :email",
                String.class).setParameter("email", email.trim().toLowerCase(Locale.ROOT)).getResultList();
        if (holders.stream().anyMatch(id -> !id.equals(exceptCustomerId))) {
            throw new ServiceException.Conflict("EMAIL_IN_USE", "another customer is registered with " + email);
        }
    }

    /** A concurrent registration with the same email loses at the unique index, not with a stack trace. */
    private void flushUniqueEmail(CustomerData data) {
        try {
            em.flush();
        } catch (ConstraintViolationException e) {
            Transactions.rollbackOnly();
            throw new ServiceException.Conflict("EMAIL_IN_USE",
                    "another customer is registered with " + data.getContact().getEmail());
        }
    }

    static ServiceException.NotFound notFound(String customerId) {
        return new ServiceException.NotFound("CUSTOMER_NOT_FOUND", "no customer " + customerId);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
