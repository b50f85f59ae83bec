package io.busbar.services.soap;

import java.util.UUID;

import jakarta.xml.bind.UnmarshalException;
import jakarta.xml.ws.WebFault;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;

import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.helpers.DOMUtils;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.jaxws.interceptors.WebFaultOutInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.jboss.logging.Logger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import io.quarkus.arc.Arc;

/**
 * The last look at every SOAP fault before it leaves: declared faults pass as they are, WS-Security faults too (counted
 * and marked by {@link SoapAuthGuard}); a request that breaks the schema (or is not XML) becomes the declared
 * {@code invalidRequest} fault; anything else becomes a generic fault with a reference that is logged with the
 * details. No stack trace or class name leaves.
 */
public class FaultGuard extends AbstractSoapInterceptor {

    static final String COMMON_NS = "http://busbar.io/schema/common/v1";
    private static final Logger LOG = Logger.getLogger(FaultGuard.class);

    public FaultGuard() {
        super(Phase.PRE_PROTOCOL);
        addAfter(WebFaultOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(SoapMessage message) {
        if (!(message.getContent(Exception.class) instanceof Fault fault)) {
            return;
        }
        Throwable cause = fault.getCause();
        if (cause != null && cause.getClass().isAnnotationPresent(WebFault.class)) {
            return;
        }
        if (isSecurity(fault)) {
            Arc.container().instance(SoapAuthGuard.class).get().refused(message, securityCode(fault));
            return;
        }
        if (isBadRequest(fault)) {
            String code = isMalformed(fault) ? "MALFORMED_XML" : "SCHEMA_VIOLATION";
            fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            fault.setMessage(readable(fault));
            declareInvalidRequest(message, fault, code, fault.getMessage());
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(fault, "SOAP request failed unexpectedly (reference %s)", reference);
        fault.setFaultCode(Fault.FAULT_CODE_SERVER);
        fault.setMessage("internal error; quote reference " + reference);
        fault.setDetail(null);
    }

    static boolean isSecurity(Throwable fault) {
        if (fault instanceof SoapFault soap && (inSecurityNamespace(soap.getFaultCode())
                || inSecurityNamespace(soap.getSubCode()))) {
            return true;
        }
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof WSSecurityException) {
                return true;
            }
        }
        return false;
    }

    /** The wsse fault code's local name (FailedAuthentication, InvalidSecurity, ...). */
    private static String securityCode(Fault fault) {
        if (fault instanceof SoapFault soap) {
            for (QName code : new QName[] { soap.getSubCode(), soap.getFaultCode() }) {
                if (inSecurityNamespace(code)) {
                    return code.getLocalPart();
                }
            }
        }
        for (Throwable t = fault.getCause(); t != null; t = t.getCause()) {
            if (t instanceof WSSecurityException e && e.getFaultCode() != null) {
                return e.getFaultCode().getLocalPart();
            }
        }
        return null;
    }

    private static boolean inSecurityNamespace(QName code) {
        return code != null && WSConstants.WSSE_NS.equals(code.getNamespaceURI());
    }

    private static boolean isBadRequest(Fault fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof UnmarshalException || t instanceof SAXException || t instanceof XMLStreamException) {
                return true;
            }
        }
        String text = fault.getMessage();
        return text != null && (text.startsWith("Unmarshalling Error") || text.contains("cvc-"));
    }

    private static boolean isMalformed(Fault fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof XMLStreamException) {
                return true;
            }
        }
        return fault.getMessage() != null && fault.getMessage().contains("XMLStreamReader");
    }

    /** The parser's own words without the names of the classes that produced them. */
    static String readable(Fault fault) {
        String text = fault.getMessage() == null ? "malformed request" : fault.getMessage();
        text = text.replaceFirst("^Unmarshalling Error:\\s*", "").replaceFirst("^cvc-[a-zA-Z0-9.-]+:\\s*", "")
                .replaceFirst("^Error reading XMLStreamReader:\\s*", "malformed XML: ");
        text = text.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)?:?\\s*", "");
        return text.isBlank() ? "malformed request" : text.trim();
    }

    /** Puts the service's declared invalidRequest element in the fault's detail. */
    private static void declareInvalidRequest(SoapMessage message, Fault fault, String code, String text) {
        BindingOperationInfo operation = message.getExchange().getBindingOperationInfo();
        QName service = message.getExchange().getService() == null ? null : message.getExchange().getService().getName();
        if (service == null && operation == null) {
            return;
        }
        String ns = operation != null ? operation.getName().getNamespaceURI() : service.getNamespaceURI();
        Document doc = DOMUtils.createDocument();
        Element detail = doc.createElement("detail");
        Element invalid = doc.createElementNS(ns, "invalidRequest");
        Element codeElement = doc.createElementNS(COMMON_NS, "code");
        codeElement.setTextContent(code);
        Element messageElement = doc.createElementNS(COMMON_NS, "message");
        messageElement.setTextContent(text);
        invalid.appendChild(codeElement);
        invalid.appendChild(messageElement);
        detail.appendChild(invalid);
        fault.setDetail(detail);
    }
}
