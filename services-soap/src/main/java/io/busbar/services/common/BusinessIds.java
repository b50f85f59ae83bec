package io.busbar.services.common;

import jakarta.persistence.EntityManager;

/** Business identifiers: a type prefix and eight digits from a PostgreSQL sequence (CUS-00000042). */
public final class BusinessIds {

    private BusinessIds() {
    }

    public static String next(EntityManager em, String sequence, String prefix) {
        long value = ((Number) em.createNativeQuery("select nextval('" + sequence + "')").getSingleResult()).longValue();
        return String.format("%s-%08d", prefix, value);
    }
}
