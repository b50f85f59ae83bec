package io.busbar.services.soap;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/** Makes the identity WS-Security established the caller's identity for the endpoint (roles, audit fields). */
public class IdentityInterceptor extends AbstractPhaseInterceptor<Message> {

    public IdentityInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        if (message.get(UsernameTokenAuthenticator.IDENTITY) instanceof SecurityIdentity identity) {
            Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(identity);
        }
    }
}
