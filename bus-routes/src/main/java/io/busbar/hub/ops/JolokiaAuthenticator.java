package io.busbar.hub.ops;

import java.util.Set;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.BasicAuthenticator;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

/**
 * Authentication of the Jolokia agent (the JMX bridge a standalone Hawtio attaches to): HTTP Basic against the hub's
 * own accounts, and only operators and administrators, since Jolokia can invoke operations (stop a route, purge a
 * queue).
 */
public class JolokiaAuthenticator extends BasicAuthenticator {

    private static final Logger LOG = Logger.getLogger(JolokiaAuthenticator.class);
    static final Set<String> ROLES = Set.of("operator", "admin");

    private final IdentityProviderManager identities;

    JolokiaAuthenticator(IdentityProviderManager identities) {
        super("Busbar Jolokia");
        this.identities = identities;
    }

    @Override
    public boolean checkCredentials(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        try {
            SecurityIdentity identity = identities.authenticateBlocking(
                    new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray())));
            return identity.getRoles().stream().anyMatch(ROLES::contains);
        } catch (AuthenticationFailedException e) {
            return false;
        } catch (RuntimeException e) {
            LOG.warnf(e, "Jolokia login of %s could not be checked", user);
            return false;
        }
    }
}
