package io.busbar.services.soap;

import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Makes the WSDL served at {@code ?wsdl} name every port at the address the caller reached, the SOAP 1.1 and the
 * SOAP 1.2 one alike (CXF rewrites only its own port unless it knows the base path, which this transport does not
 * set).
 */
public class WsdlAddresses extends AbstractPhaseInterceptor<Message> {

    static final String HTTP_BASE_PATH = "http.base.path";

    public WsdlAddresses() {
        super(Phase.RECEIVE);
    }

    @Override
    public void handleMessage(Message message) {
        if (!"GET".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return;
        }
        String url = (String) message.get(Message.REQUEST_URL);
        String address = message.getExchange().getEndpoint().getEndpointInfo().getAddress();
        if (url != null && address != null && url.endsWith(address)) {
            message.put(HTTP_BASE_PATH, url.substring(0, url.length() - address.length()));
            message.put(WSDLGetUtils.AUTO_REWRITE_ADDRESS_ALL, Boolean.TRUE);
        }
    }
}
