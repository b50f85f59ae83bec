package io.busbar.hub.infra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

import javax.transaction.xa.XAResource;

import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.logging.Logger;

import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;

/**
 * Lets Narayana recover the broker's branch of an XA transaction left in doubt by a crash. Nothing on this stack
 * registers one: without it, prepared broker branches stay prepared forever.
 */
final class BrokerRecoveryHelper implements XAResourceRecoveryHelper {

    private static final Logger LOG = Logger.getLogger(BrokerRecoveryHelper.class);

    private final ActiveMQXAConnectionFactory factory;
    private final BrokerEndpoint endpoint;
    private XAConnection connection;

    private BrokerRecoveryHelper(BrokerEndpoint endpoint) {
        this.endpoint = endpoint;
        this.factory = endpoint.xaConnectionFactory();
    }

    static BrokerRecoveryHelper register(BrokerEndpoint endpoint) {
        BrokerRecoveryHelper helper = new BrokerRecoveryHelper(endpoint);
        for (RecoveryModule module : RecoveryManager.manager().getModules()) {
            if (module instanceof XARecoveryModule xa) {
                xa.addXAResourceRecoveryHelper(helper);
                LOG.debugf("Broker XA recovery registered for %s", endpoint);
                return helper;
            }
        }
        throw new IllegalStateException("Narayana has no XA recovery module: is quarkus.transaction-manager.enable-recovery"
                + " set?");
    }

    /** Called at shutdown, after Narayana's recovery manager (and the module holding this helper) has stopped. */
    void close() {
        closeConnection();
    }

    @Override
    public boolean initialise(String parameter) {
        return true;
    }

    /** Called at the start of every recovery scan: a fresh connection, so a broker restart between scans does no harm. */
    @Override
    public synchronized XAResource[] getXAResources() {
        closeConnection();
        try {
            connection = factory.createXAConnection();
            XASession session = connection.createXASession();
            return new XAResource[] { session.getXAResource() };
        } catch (JMSException e) {
            LOG.warnf("Broker %s unreachable for XA recovery; retrying at the next scan: %s", endpoint, e.getMessage());
            closeConnection();
            return new XAResource[0];
        }
    }

    private synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debugf("closing the recovery connection: %s", e.getMessage());
            }
            connection = null;
        }
    }
}
