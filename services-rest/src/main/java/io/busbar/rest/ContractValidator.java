package io.busbar.rest;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMResult;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.ServiceException;

/**
 * Validates a REST request against the same XSD the SOAP door validates against: the request is put into its WSDL
 * request element and checked with the service's schema, so both doors accept exactly the same data. Errors name the
 * JSON field.
 */
@ApplicationScoped
public class ContractValidator {

    private static final String CONTRACTS = "busbar/contracts/v1/xsd/";
    private static final String CURRENT_NODE = "http://apache.org/xml/properties/dom/current-element-node";
    /** XML element name to JSON property name where the JSON is plural. */
    private static final Map<String, String> JSON_NAMES = Map.of("line", "lines", "payment", "payments", "creditNote",
            "creditNotes", "statusChange", "statusHistory");

    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<Class<?>, JAXBContext> contexts = new ConcurrentHashMap<>();

    /**
     * Validates {@code request} (a WSDL request element) against {@code schemaFile}; field names are reported relative
     * to {@code bodyElement}, the element the JSON body became (null when the request came from the URL only).
     */
    public void validate(String schemaFile, Object request, String bodyElement) {
        List<FieldViolation> violations = new ArrayList<>();
        try {
            DOMResult dom = new DOMResult();
            context(request.getClass()).createMarshaller().marshal(request, dom);
            Validator validator = schema(schemaFile).newValidator();
            validator.setErrorHandler(new Collector(validator, violations, bodyElement));
            validator.validate(new DOMSource(dom.getNode()));
        } catch (JAXBException | java.io.IOException e) {
            throw new IllegalStateException("cannot validate " + request.getClass().getSimpleName(), e);
        } catch (SAXException e) {
            // reported through the collector
        }
        if (!violations.isEmpty()) {
            throw new ServiceException.InvalidRequest("SCHEMA_VIOLATION", violations.size() == 1
                    ? violations.get(0).field() + ": " + violations.get(0).reason()
                    : violations.size() + " fields are invalid", violations);
        }
    }

    private Schema schema(String file) {
        return schemas.computeIfAbsent(file, f -> {
            URL url = Thread.currentThread().getContextClassLoader().getResource(CONTRACTS + f);
            if (url == null) {
                throw new IllegalStateException(CONTRACTS + f + " is not on the classpath");
            }
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                return factory.newSchema(url);
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load " + f, e);
            }
        });
    }

    private JAXBContext context(Class<?> type) {
        return contexts.computeIfAbsent(type, t -> {
            try {
                return JAXBContext.newInstance(t);
            } catch (JAXBException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static final Pattern MISSING_CHILD = Pattern
            .compile("cvc-complex-type\\.2\\.4\\.b: .* One of '\\{(?:\"[^\"]*\":)?([A-Za-z0-9_]+)");

    private static final class Collector implements ErrorHandler {
        private final Validator validator;
        private final List<FieldViolation> violations;
        private final String bodyElement;

        Collector(Validator validator, List<FieldViolation> violations, String bodyElement) {
            this.validator = validator;
            this.violations = violations;
            this.bodyElement = bodyElement;
        }

        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            String field = field();
            Matcher missing = MISSING_CHILD.matcher(e.getMessage());
            if (missing.find()) {
                // "the content of X is not complete": name the missing child, not its parent
                String child = JSON_NAMES.getOrDefault(missing.group(1), missing.group(1));
                field = field.isEmpty() ? child : field + "." + child;
            }
            violations.add(new FieldViolation(field, reason(e.getMessage())));
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
            throw e;
        }

        private String field() {
            Node node;
            try {
                node = (Node) validator.getProperty(CURRENT_NODE);
            } catch (SAXException e) {
                return "";
            }
            List<String> names = new ArrayList<>();
            for (Node n = node; n instanceof Element element && n.getParentNode() instanceof Element; n = n.getParentNode()) {
                names.add(0, jsonName(element));
            }
            // names[0] is the body element (or a URL parameter); the JSON body itself has no name
            if (!names.isEmpty() && names.get(0).equals(bodyElement)) {
                names.remove(0);
            }
            return String.join(".", names);
        }

        private static String jsonName(Element element) {
            String name = element.getLocalName();
            String plural = JSON_NAMES.get(name);
            if (plural == null) {
                return name;
            }
            int index = 0;
            for (Node s = element.getPreviousSibling(); s != null; s = s.getPreviousSibling()) {
                if (s instanceof Element e && name.equals(e.getLocalName())) {
                    index++;
                }
            }
            return plural + "[" + index + "]";
        }

        /** The validator's words without its rule number and namespace noise. */
        static String reason(String message) {
            return message.replaceFirst("^cvc-[a-zA-Z0-9.-]+:\\s*", "")
                    .replaceAll("\\{?\"[^\"]*\":([A-Za-z0-9_]+)\\}?", "$1")
                    .replaceAll("'#AnonType_[^']*'", "its type");
        }
    }
}
