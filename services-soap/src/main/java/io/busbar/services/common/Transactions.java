package io.busbar.services.common;

import jakarta.transaction.SystemException;

import io.quarkus.arc.Arc;

/** The current JTA transaction, for the few places that must doom it themselves. */
public final class Transactions {

    private Transactions() {
    }

    /** After the database refused a write: nothing of this transaction may commit. */
    public static void rollbackOnly() {
        try {
            Arc.container().instance(jakarta.transaction.TransactionManager.class).get().setRollbackOnly();
        } catch (SystemException | IllegalStateException e) {
            throw new IllegalStateException("cannot mark the transaction rollback-only", e);
        }
    }
}
