package io.busbar.hub.infra;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionScoped;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionImple;

/**
 * A crash-suite hook, off unless {@code busbar.testing.hold-commit=true} (the production profile refuses to start with
 * it): it holds one XA transaction between its two phases, so that a test can kill the hub with a transaction prepared
 * in the broker and PostgreSQL and logged by Narayana, and watch recovery finish it.
 * <p>
 * While armed, every transaction enlists a {@link HeldResource} first. The first transaction that reaches completion
 * with at least three resources (the hold, the broker and the database) is the chosen one: its hold votes yes in the
 * prepare phase, which makes Narayana log the transaction, and then never returns from commit, which Narayana calls
 * on it before the broker and the database. Every other transaction's hold votes read-only and drops out. The hold is
 * serializable, so Narayana writes it into its log; the copy that recovery reads back is no longer held and commits.
 */
@ApplicationScoped
public class CommitHold {

    public static final String PROPERTY = "busbar.testing.hold-commit";
    private static final Logger LOG = Logger.getLogger(CommitHold.class);

    @ConfigProperty(name = PROPERTY, defaultValue = "false")
    boolean armed;

    private final AtomicBoolean chosen = new AtomicBoolean();

    void onBegin(@Observes @Initialized(TransactionScoped.class) Object event) {
        if (!armed || chosen.get()) {
            return;
        }
        TransactionImple tx = TransactionImple.getTransaction();
        if (tx == null) {
            return;
        }
        HeldResource hold = new HeldResource();
        try {
            tx.enlistResource(hold);
            tx.registerSynchronization(new Chooser(tx, hold));
        } catch (Exception e) {
            LOG.warnf("the commit hold could not join %s: %s", tx, e.getMessage());
        }
    }

    private final class Chooser implements Synchronization {
        private final TransactionImple tx;
        private final HeldResource hold;

        Chooser(TransactionImple tx, HeldResource hold) {
            this.tx = tx;
            this.hold = hold;
        }

        @Override
        public void beforeCompletion() {
            try {
                if (tx.getStatus() == Status.STATUS_ACTIVE && tx.getResources().size() >= 3 && chosen.compareAndSet(false,
                        true)) {
                    hold.held = true;
                    LOG.warnf("busbar.testing.hold-commit: holding %s between prepare and commit (%d resources)", tx.getTxId(),
                            tx.getResources().size());
                }
            } catch (Exception e) {
                LOG.warnf("the commit hold could not look at %s: %s", tx, e.getMessage());
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }

    /** The resource that holds the chosen transaction; the copy in Narayana's log is never held. */
    static final class HeldResource implements XAResource, Serializable {
        private static final long serialVersionUID = 1L;
        transient volatile boolean held;

        @Override
        public int prepare(Xid xid) {
            return held ? XA_OK : XA_RDONLY;
        }

        @Override
        public void commit(Xid xid, boolean onePhase) {
            if (!held) {
                return;
            }
            LOG.warnf("busbar.testing.hold-commit: %s is prepared everywhere; its commit waits for the process to die", xid);
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // held until the process is killed, whatever interrupts the thread
                }
            }
        }

        @Override
        public void rollback(Xid xid) {
        }

        @Override
        public void start(Xid xid, int flags) {
        }

        @Override
        public void end(Xid xid, int flags) {
        }

        @Override
        public void forget(Xid xid) {
        }

        @Override
        public Xid[] recover(int flag) {
            return new Xid[0];
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() {
            return 0;
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            return false;
        }
    }
}
