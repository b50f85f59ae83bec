package io.busbar.services.soap;

import org.apache.cxf.message.Message;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.common.principal.WSUsernameTokenPrincipalImpl;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;

import io.quarkus.arc.Arc;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

/**
 * Checks a WS-Security UsernameToken against the hub's identity providers, the same accounts HTTP Basic uses, and
 * hands the resulting identity to the endpoint. Tokens must carry a Nonce and a Created time (replay protection) and a
 * PasswordText password: a digest cannot be checked against hashed passwords. The nonce is claimed only after the
 * password checks out, so a failed attempt writes nothing.
 */
public class UsernameTokenAuthenticator implements Validator {

    static final String IDENTITY = SecurityIdentity.class.getName();

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        UsernameToken token = credential == null ? null : credential.getUsernametoken();
        if (token == null || token.getName() == null || token.getPassword() == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        if (!WSConstants.PASSWORD_TEXT.equals(token.getPasswordType())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.UNSUPPORTED_SECURITY_TOKEN);
        }
        if (token.getNonce() == null || token.getCreated() == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY_TOKEN);
        }
        SecurityIdentity identity;
        try {
            identity = Arc.container().instance(IdentityProviderManager.class).get().authenticateBlocking(
                    new UsernamePasswordAuthenticationRequest(token.getName(),
                            new PasswordCredential(token.getPassword().toCharArray())));
        } catch (AuthenticationFailedException e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        // only an authenticated caller can make the hub write a row
        if (Arc.container().instance(NonceStore.class).get().contains(token.getNonce())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY, "badUsernameToken",
                    new Object[] { "A replay attack has been detected" });
        }
        if (data.getMsgContext() instanceof Message message) {
            message.put(IDENTITY, identity);
        }
        credential.setPrincipal(new WSUsernameTokenPrincipalImpl(token.getName(), false));
        return credential;
    }
}
