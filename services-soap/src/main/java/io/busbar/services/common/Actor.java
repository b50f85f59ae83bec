package io.busbar.services.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is acting, for audit fields: the authenticated caller, or the hub itself when a bus route calls. */
@ApplicationScoped
public class Actor {

    public static final String SYSTEM = "busbar";

    @Inject
    CurrentIdentityAssociation identity;

    public String name() {
        try {
            SecurityIdentity current = identity.getIdentity();
            return current == null || current.isAnonymous() ? SYSTEM : current.getPrincipal().getName();
        } catch (ContextNotActiveException e) {
            return SYSTEM;
        }
    }
}
