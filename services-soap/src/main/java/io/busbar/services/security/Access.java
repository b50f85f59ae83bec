package io.busbar.services.security;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.busbar.services.common.ServiceException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Authorisation at the doors: the SOAP endpoints and REST resources ask here before calling a service. The services
 * themselves do not check roles, so the hub's own routes can call them.
 */
@ApplicationScoped
public class Access {

    @Inject
    CurrentIdentityAssociation identity;

    /** Passes if the caller has one of the roles; otherwise {@link ServiceException.AccessDenied}. */
    public void require(String... roles) {
        SecurityIdentity caller = identity.getIdentity();
        if (caller == null || caller.isAnonymous()) {
            throw new ServiceException.AccessDenied("authentication required");
        }
        if (Arrays.stream(roles).noneMatch(caller::hasRole)) {
            throw new ServiceException.AccessDenied(
                    caller.getPrincipal().getName() + " lacks a role for this operation: one of " + String.join(", ", roles));
        }
    }
}
