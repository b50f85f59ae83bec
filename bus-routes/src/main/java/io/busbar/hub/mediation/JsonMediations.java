package io.busbar.hub.mediation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import io.busbar.hub.bus.InvalidMessageException;

/**
 * The JSON mediations behind the templates {@code busbar-json-map}, {@code busbar-json-to-xml} and
 * {@code busbar-xml-to-json}. A body that is not what the step expects is an invalid message (parked in
 * {@code invalid.<queue>}), not a failure to retry.
 */
@ApplicationScoped
@Named("busbarJson")
public class JsonMediations {

    public static final String MAPPING = "busbarMapping";
    public static final String ROOT = "busbarRootElement";
    /** {@code target=source} pairs: target a dotted path, source a dotted path or a 'literal'. */
    static final Pattern PAIR = Pattern.compile("\\s*([A-Za-z_][\\w]*(?:\\.[A-Za-z_][\\w]*)*)\\s*=\\s*"
            + "(?:'([^',]*)'|([A-Za-z_][\\w]*(?:\\.[A-Za-z_][\\w]*)*))\\s*");

    private final ObjectMapper json = new ObjectMapper();
    private final XmlMapper xml = new XmlMapper();

    /** A new JSON object whose fields come from the message's JSON, as the mapping says; absent sources are left out. */
    public String map(@Body String body, @ExchangeProperty(MAPPING) String mapping) throws JsonProcessingException {
        JsonNode source = readJson(body);
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        for (Pair pair : parse(mapping)) {
            JsonNode value = pair.literal() != null ? JsonNodeFactory.instance.textNode(pair.literal())
                    : at(source, pair.source());
            if (value != null && !value.isMissingNode() && !value.isNull()) {
                put(target, pair.target(), value);
            }
        }
        return json.writeValueAsString(target);
    }

    /** The message's JSON as XML under the given root element. */
    public String toXml(@Body String body, @ExchangeProperty(ROOT) String root) throws JsonProcessingException {
        return xml.writer().withRootName(root).writeValueAsString(readJson(body));
    }

    /** The message's XML as JSON: elements become fields, repeated elements arrays; the root element is dropped. */
    public String toJson(@Body String body) throws JsonProcessingException {
        JsonNode tree;
        try {
            tree = xml.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("the message is not XML: " + e.getOriginalMessage(), e);
        }
        return json.writeValueAsString(tree);
    }

    record Pair(String target, String source, String literal) {
    }

    static List<Pair> parse(String mapping) {
        List<Pair> pairs = new ArrayList<>();
        for (String part : (mapping == null ? "" : mapping).split(",")) {
            Matcher m = PAIR.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a target=source pair: '" + part.strip() + "'");
            }
            pairs.add(new Pair(m.group(1), m.group(3), m.group(2)));
        }
        return pairs;
    }

    private JsonNode readJson(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidMessageException("the message is empty, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidMessageException("the message is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode at(JsonNode node, String path) {
        return node.at("/" + path.replace('.', '/'));
    }

    private static void put(ObjectNode target, String path, JsonNode value) {
        String[] names = path.split("\\.");
        ObjectNode parent = target;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = parent.get(names[i]);
            parent = child instanceof ObjectNode object ? object : parent.putObject(names[i]);
        }
        parent.set(names[names.length - 1], value);
    }
}
