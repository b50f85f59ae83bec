package io.busbar.services.soap;

import java.util.Map;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.cache.ReplayCache;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;

import io.quarkus.arc.Arc;

/**
 * WS-Security on every Busbar SOAP endpoint: a Timestamp and a UsernameToken are required; the token is checked by
 * {@link UsernameTokenAuthenticator}, which claims the nonce in the shared {@link NonceStore} once the password checks
 * out. {@link SoapAuthGuard} screens the token first. A message without them gets a WS-Security fault.
 */
public class WsSecurityInterceptor extends WSS4JInInterceptor {

    private static final FaultListener QUIET_FOR_REFUSED_CALLERS = (exception, description,
            message) -> !FaultGuard.isSecurity(exception);

    public WsSecurityInterceptor() {
        super(Map.of(
                ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.TIMESTAMP,
                ConfigurationConstants.PASSWORD_TYPE, WSConstants.PW_TEXT,
                ConfigurationConstants.TIMESTAMP_STRICT, "true",
                WSS4JInInterceptor.VALIDATOR_MAP, Map.<QName, Object> of(WSConstants.USERNAME_TOKEN,
                        new UsernameTokenAuthenticator())));
    }

    @Override
    public void handleMessage(SoapMessage message) {
        // standard WS-Security fault codes (wsse:FailedAuthentication, ...) rather than one generic error
        message.put(SecurityConstants.RETURN_SECURITY_ERROR, Boolean.TRUE);
        // a refused caller is counted (SoapAuthGuard), not logged with a stack trace per attempt
        message.put(FaultListener.class.getName(), QUIET_FOR_REFUSED_CALLERS);
        Arc.container().instance(SoapAuthGuard.class).get().screen(message);
        super.handleMessage(message);
    }

    @Override
    protected ReplayCache getReplayCache(SoapMessage message, String booleanKey, String instanceKey)
            throws WSSecurityException {
        if (SecurityConstants.NONCE_CACHE_INSTANCE.equals(instanceKey)) {
            // WSS4J would record the nonce before the password is checked: UsernameTokenAuthenticator claims it after
            return null;
        }
        return super.getReplayCache(message, booleanKey, instanceKey);
    }
}
