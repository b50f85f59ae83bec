package io.busbar.connectors.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Compares a committed WSDL 1.1 contract with a live service's by what a client depends on, not by text.
 * <p>
 * Counted: the operations of the port types; per operation in the SOAP 1.1 binding its soapAction, style and body use;
 * the element of its input, output and faults; and each such element's structure, recursively: the child elements in
 * order with their qualified names, occurrences, nillability and types (a built-in type by its name, a simple type by
 * its base and enumeration, a complex type by its content), and attributes. Not counted: prefixes, the names of
 * messages, parts, port types, bindings and services, addresses, documentation, facets other than enumerations, and
 * whether a type is named or anonymous, inline or imported.
 */
public final class ContractDrift {

    static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    static final String SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
    static final String XSD = XMLConstants.W3C_XML_SCHEMA_NS_URI;

    private ContractDrift() {
    }

    /** The differences that matter to a client, one sentence each; empty when the live contract has not drifted. */
    public static List<String> compare(URL committed, URL live) throws ContractReadException {
        return compare(fetch(committed), committed, fetch(live), live);
    }

    public static List<String> compare(String committedXml, URL committedBase, String liveXml, URL liveBase)
            throws ContractReadException {
        Map<String, String> expected = new Contract(committedBase).read(committedXml).signature;
        Map<String, String> actual = new Contract(liveBase).read(liveXml).signature;
        List<String> drift = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> added = new ArrayList<>();
        expected.forEach((key, value) -> {
            String other = actual.get(key);
            if (other == null) {
                if (!under(key, missing)) {
                    missing.add(key);
                    drift.add(key + " is in the committed contract but not live");
                }
            } else if (!other.equals(value)) {
                drift.add(key + ": committed " + value + ", live " + other);
            }
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key -> {
            if (!under(key, added)) {
                added.add(key);
                drift.add(key + " is live but not in the committed contract");
            }
        });
        return drift;
    }

    /** A line under an element or operation already reported missing is not reported again. */
    private static boolean under(String key, List<String> reported) {
        return reported.stream().anyMatch(r -> key.startsWith(r + " ") || key.startsWith(r + "/"));
    }

    /** A contract that cannot be read: which document and why. */
    public static final class ContractReadException extends Exception {
        private static final long serialVersionUID = 1L;

        public ContractReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static String fetch(URL url) throws ContractReadException {
        try {
            URLConnection connection = url.openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(10_000);
            try (InputStream in = connection.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ContractReadException("cannot read " + url + ": " + e, e);
        }
    }

    /** One WSDL with its schemas, reduced to signature lines. */
    private static final class Contract {

        final URL base;
        final Map<String, String> signature = new LinkedHashMap<>();
        final Map<String, Element> elements = new HashMap<>();
        final Map<String, Element> complexTypes = new HashMap<>();
        final Map<String, Element> simpleTypes = new HashMap<>();
        final Set<String> loaded = new HashSet<>();

        Contract(URL base) {
            this.base = base;
        }

        Contract read(String xml) throws ContractReadException {
            Element definitions = parse(xml, base).getDocumentElement();
            if (!WSDL.equals(definitions.getNamespaceURI()) || !"definitions".equals(definitions.getLocalName())) {
                throw new ContractReadException(base + " is not a WSDL 1.1 document", null);
            }
            for (Element types : children(definitions, WSDL, "types")) {
                for (Element schema : children(types, XSD, "schema")) {
                    addSchema(schema, base);
                }
            }
            String tns = definitions.getAttribute("targetNamespace");
            Map<String, String> messageElements = new HashMap<>();
            for (Element message : children(definitions, WSDL, "message")) {
                for (Element part : children(message, WSDL, "part")) {
                    String element = part.hasAttribute("element") ? qname(part, part.getAttribute("element"))
                            : "type " + qname(part, part.getAttribute("type"));
                    messageElements.put(key(tns, message.getAttribute("name")), element);
                }
            }
            for (Element portType : children(definitions, WSDL, "portType")) {
                for (Element operation : children(portType, WSDL, "operation")) {
                    String name = "operation " + operation.getAttribute("name");
                    signature.put(name, "present");
                    for (Element input : children(operation, WSDL, "input")) {
                        describe(name + " input", messageElements.get(qname(input, input.getAttribute("message"))));
                    }
                    for (Element output : children(operation, WSDL, "output")) {
                        describe(name + " output", messageElements.get(qname(output, output.getAttribute("message"))));
                    }
                    for (Element fault : children(operation, WSDL, "fault")) {
                        String element = messageElements.get(qname(fault, fault.getAttribute("message")));
                        describe(name + " fault " + element, element);
                    }
                }
            }
            for (Element binding : children(definitions, WSDL, "binding")) {
                List<Element> soap = children(binding, SOAP11, "binding");
                if (soap.isEmpty()) {
                    continue; // SOAP 1.2 or HTTP bindings: the connector speaks SOAP 1.1
                }
                String style = soap.get(0).getAttribute("style").isEmpty() ? "document" : soap.get(0).getAttribute("style");
                for (Element operation : children(binding, WSDL, "operation")) {
                    String name = "operation " + operation.getAttribute("name");
                    String operationStyle = style;
                    String action = "";
                    for (Element soapOperation : children(operation, SOAP11, "operation")) {
                        action = soapOperation.getAttribute("soapAction");
                        if (!soapOperation.getAttribute("style").isEmpty()) {
                            operationStyle = soapOperation.getAttribute("style");
                        }
                    }
                    signature.put(name + " SOAP 1.1 soapAction", "'" + action + "'");
                    signature.put(name + " SOAP 1.1 style", operationStyle);
                    for (String direction : List.of("input", "output")) {
                        for (Element message : children(operation, WSDL, direction)) {
                            for (Element body : children(message, SOAP11, "body")) {
                                signature.put(name + " SOAP 1.1 " + direction + " use", body.getAttribute("use"));
                            }
                        }
                    }
                }
            }
            return this;
        }

        private void addSchema(Element schema, URL location) throws ContractReadException {
            String tns = schema.getAttribute("targetNamespace");
            for (Node node = schema.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (!(node instanceof Element child) || !XSD.equals(child.getNamespaceURI())) {
                    continue;
                }
                String name = child.getAttribute("name");
                switch (child.getLocalName()) {
                    case "element" -> elements.put(key(tns, name), child);
                    case "complexType" -> complexTypes.put(key(tns, name), child);
                    case "simpleType" -> simpleTypes.put(key(tns, name), child);
                    case "import", "include" -> {
                        String schemaLocation = child.getAttribute("schemaLocation");
                        if (!schemaLocation.isEmpty()) {
                            URL url = resolve(location, schemaLocation);
                            if (loaded.add(url.toString())) {
                                addSchema(parse(fetch(url), url).getDocumentElement(), url);
                            }
                        }
                    }
                    default -> {
                        // attributes, groups and annotations at the top level are reached through what uses them
                    }
                }
            }
        }

        /** Lines for a message's element and everything under it. */
        private void describe(String where, String element) {
            if (element == null) {
                signature.put(where, "no element");
                return;
            }
            Element declaration = elements.get(element);
            String line = where + " " + element;
            if (declaration == null) {
                signature.put(line, element.startsWith("type ") ? element : "undeclared element");
                return;
            }
            signature.put(line, "nillable=" + nillable(declaration));
            typeOf(line, declaration, new HashSet<>());
        }

        /** The type of an element declaration: a value line for simple types, child lines for complex ones. */
        private void typeOf(String path, Element declaration, Set<String> seen) {
            Element inlineComplex = first(declaration, "complexType");
            Element inlineSimple = first(declaration, "simpleType");
            if (inlineComplex != null) {
                content(path, inlineComplex, seen);
            } else if (inlineSimple != null) {
                signature.put(path + " type", simple(inlineSimple));
            } else if (declaration.hasAttribute("type")) {
                String type = qname(declaration, declaration.getAttribute("type"));
                if (complexTypes.containsKey(type)) {
                    if (!seen.add(type)) {
                        signature.put(path + " type", "recursive");
                        return;
                    }
                    content(path, complexTypes.get(type), seen);
                    seen.remove(type);
                } else if (simpleTypes.containsKey(type)) {
                    signature.put(path + " type", simple(simpleTypes.get(type)));
                } else {
                    signature.put(path + " type", type);
                }
            } else {
                signature.put(path + " type", key(XSD, "anyType"));
            }
        }

        private void content(String path, Element complexType, Set<String> seen) {
            int[] position = { 0 };
            particles(path, complexType, seen, position, "");
            for (Element attribute : children(complexType, XSD, "attribute")) {
                signature.put(path + " @" + attribute.getAttribute("name"),
                        (attribute.hasAttribute("type") ? qname(attribute, attribute.getAttribute("type")) : "anySimpleType")
                                + " use=" + (attribute.hasAttribute("use") ? attribute.getAttribute("use") : "optional"));
            }
            if (Boolean.parseBoolean(complexType.getAttribute("mixed"))) {
                signature.put(path + " mixed", "true");
            }
        }

        private void particles(String path, Element container, Set<String> seen, int[] position, String group) {
            for (Node node = container.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (!(node instanceof Element child) || !XSD.equals(child.getNamespaceURI())) {
                    continue;
                }
                switch (child.getLocalName()) {
                    case "sequence" -> particles(path, child, seen, position, group + occurs(child, "sequence"));
                    case "all" -> particles(path, child, seen, new int[] { -1 }, group + occurs(child, "all"));
                    case "choice" -> particles(path, child, seen, new int[] { -1 }, group + occurs(child, "choice"));
                    case "complexContent", "simpleContent" -> particles(path, child, seen, position, group);
                    case "extension", "restriction" -> {
                        String baseType = qname(child, child.getAttribute("base"));
                        if (complexTypes.containsKey(baseType) && seen.add(baseType)) {
                            particles(path, complexTypes.get(baseType), seen, position, group);
                            seen.remove(baseType);
                        } else if (!complexTypes.containsKey(baseType)) {
                            signature.put(path + " simple content", baseType);
                        }
                        particles(path, child, seen, position, group);
                        for (Element attribute : children(child, XSD, "attribute")) {
                            signature.put(path + " @" + attribute.getAttribute("name"),
                                    qname(attribute, attribute.getAttribute("type")) + " use="
                                            + (attribute.hasAttribute("use") ? attribute.getAttribute("use") : "optional"));
                        }
                    }
                    case "element" -> element(path, child, seen, position, group);
                    case "any" -> signature.put(path + " any", group + occurs(child, "any"));
                    default -> {
                        // annotations and attributes (attributes are read by content())
                    }
                }
            }
        }

        private void element(String path, Element local, Set<String> seen, int[] position, String group) {
            Element declaration = local;
            String name;
            if (local.hasAttribute("ref")) {
                name = qname(local, local.getAttribute("ref"));
                declaration = elements.getOrDefault(name, local);
            } else {
                Element schema = schemaOf(local);
                boolean qualified = local.hasAttribute("form") ? "qualified".equals(local.getAttribute("form"))
                        : "qualified".equals(schema.getAttribute("elementFormDefault"));
                name = key(qualified ? schema.getAttribute("targetNamespace") : "", local.getAttribute("name"));
            }
            String line = path + "/" + name;
            String order = position[0] < 0 ? "" : " position " + position[0]++;
            signature.put(line, occurs(local, "") + " nillable=" + nillable(declaration) + order
                    + (group.isEmpty() ? "" : " in " + group));
            typeOf(line, declaration, seen);
        }

        private String simple(Element simpleType) {
            Element restriction = first(simpleType, "restriction");
            if (restriction == null) {
                Element list = first(simpleType, "list");
                return list != null ? "list of " + qname(list, list.getAttribute("itemType")) : "union";
            }
            String baseType = qname(restriction, restriction.getAttribute("base"));
            if (simpleTypes.containsKey(baseType)) {
                baseType = simple(simpleTypes.get(baseType));
            }
            TreeSet<String> values = new TreeSet<>();
            for (Element enumeration : children(restriction, XSD, "enumeration")) {
                values.add(enumeration.getAttribute("value"));
            }
            return values.isEmpty() ? baseType : baseType + " enumeration " + values;
        }

        private String qname(Element context, String prefixed) {
            int colon = prefixed.indexOf(':');
            String prefix = colon < 0 ? null : prefixed.substring(0, colon);
            String namespace = context.lookupNamespaceURI(prefix);
            return key(namespace == null ? "" : namespace, prefixed.substring(colon + 1));
        }

        private static String occurs(Element particle, String what) {
            String min = particle.hasAttribute("minOccurs") ? particle.getAttribute("minOccurs") : "1";
            String max = particle.hasAttribute("maxOccurs") ? particle.getAttribute("maxOccurs") : "1";
            return (what.isEmpty() ? "" : what + " ") + "occurs " + min + ".." + max;
        }

        private static boolean nillable(Element declaration) {
            return Boolean.parseBoolean(declaration.getAttribute("nillable"));
        }

        private static Element schemaOf(Element node) {
            Node parent = node.getParentNode();
            while (parent instanceof Element element
                    && !(XSD.equals(element.getNamespaceURI()) && "schema".equals(element.getLocalName()))) {
                parent = parent.getParentNode();
            }
            return (Element) parent;
        }

        private static Element first(Element parent, String localName) {
            List<Element> found = children(parent, XSD, localName);
            return found.isEmpty() ? null : found.get(0);
        }
    }

    static String key(String namespace, String local) {
        return "{" + namespace + "}" + local;
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    static URL resolve(URL base, String location) throws ContractReadException {
        try {
            return base == null ? URI.create(location).toURL() : new URL(base, location);
        } catch (IOException | IllegalArgumentException e) {
            throw new ContractReadException("cannot resolve " + location + " against " + base, e);
        }
    }

    static Document parse(String xml, URL from) throws ContractReadException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ContractReadException(from + " is not XML: " + e.getMessage(), e);
        }
    }
}
