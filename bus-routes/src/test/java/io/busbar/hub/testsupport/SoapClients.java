package io.busbar.hub.testsupport;

import java.util.HashMap;
import java.util.Map;

import jakarta.xml.ws.soap.SOAPBinding;

import javax.security.auth.callback.CallbackHandler;

import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Typed SOAP clients of the hub's services (CXF JAX-WS proxies on the generated service interfaces), sending a
 * WS-Security Timestamp and a UsernameToken with nonce, as a caller of the WSDL would.
 */
public final class SoapClients {

    private SoapClients() {
    }

    /** A SOAP 1.1 client of {@code /soap/<service>} calling as {@code user} (password = user name). */
    public static <T> T soap11(Class<T> portType, String service, String user) {
        return client(portType, base() + "/soap/" + service, false, user, user);
    }

    /** A SOAP 1.2 client of {@code /soap/<service>/soap12}. */
    public static <T> T soap12(Class<T> portType, String service, String user) {
        return client(portType, base() + "/soap/" + service + "/soap12", true, user, user);
    }

    public static <T> T client(Class<T> portType, String address, boolean soap12, String user, String password) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(portType);
        factory.setAddress(address);
        if (soap12) {
            factory.setBindingId(SOAPBinding.SOAP12HTTP_BINDING);
        }
        Map<String, Object> security = new HashMap<>();
        security.put(ConfigurationConstants.ACTION,
                ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.TIMESTAMP);
        security.put(ConfigurationConstants.USER, user);
        security.put(ConfigurationConstants.PASSWORD_TYPE, "PasswordText");
        security.put(ConfigurationConstants.ADD_USERNAMETOKEN_NONCE, "true");
        security.put(ConfigurationConstants.ADD_USERNAMETOKEN_CREATED, "true");
        security.put(ConfigurationConstants.PW_CALLBACK_REF, (CallbackHandler) callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof WSPasswordCallback pc) {
                    pc.setPassword(password);
                }
            }
        });
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(security));
        return portType.cast(factory.create());
    }

    public static String base() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        if (port == 0) {
            port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        }
        return "http://localhost:" + port;
    }
}
