package io.busbar.hub.orders;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.busbar.hub.infra.HubConfig;

/**
 * The content-based routing rules: which orders wait for manual approval. They are configuration, not code: a YAML
 * file of Camel simple predicates, read again whenever it changes. A broken file never replaces working rules.
 */
@ApplicationScoped
public class RoutingRules {

    static final String DEFAULT_RULES = "busbar/routing-rules.yaml";
    private static final Logger LOG = Logger.getLogger(RoutingRules.class);

    public record Rule(String name, String when) {
    }

    public record RuleSet(List<Rule> manualApproval) {
    }

    private record Compiled(String name, Predicate predicate) {
    }

    @Inject
    HubConfig config;

    @Inject
    CamelContext camel;

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private volatile List<Compiled> rules;
    private volatile FileTime loadedVersion;

    /** Names of the manual-approval rules the order in this exchange matches (empty: it goes straight on). */
    public List<String> manualApprovalReasons(Exchange exchange) {
        List<String> matched = new ArrayList<>();
        for (Compiled rule : current()) {
            if (rule.predicate().matches(exchange)) {
                matched.add(rule.name());
            }
        }
        return matched;
    }

    /** The rules in force (reloading the file first if it changed). */
    public synchronized List<Rule> inForce() {
        return current().stream().map(c -> new Rule(c.name(), c.predicate().toString())).toList();
    }

    private synchronized List<Compiled> current() {
        Path file = config.routing().rulesFile();
        try {
            FileTime version = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
            // reload when the file appeared, changed or went away (back to the shipped rules)
            if (rules == null || !java.util.Objects.equals(version, loadedVersion)) {
                load(file, version);
            }
        } catch (IOException e) {
            LOG.errorf("Routing rules file %s cannot be read (%s); the rules in force stay", file, e.getMessage());
        }
        return rules;
    }

    private void load(Path file, FileTime version) throws IOException {
        RuleSet set;
        String source;
        if (version != null) {
            source = file.toString();
            try (InputStream in = Files.newInputStream(file)) {
                set = yaml.readValue(in, RuleSet.class);
            }
        } else {
            source = "classpath:" + DEFAULT_RULES;
            try (InputStream in = RoutingRules.class.getClassLoader().getResourceAsStream(DEFAULT_RULES)) {
                set = yaml.readValue(in, RuleSet.class);
            }
        }
        try {
            List<Compiled> compiled = compile(set);
            rules = compiled;
            loadedVersion = version;
            LOG.infof("Routing rules from %s: manual approval when %s", source,
                    compiled.stream().map(Compiled::name).toList());
        } catch (RuntimeException e) {
            if (rules == null) {
                throw e;
            }
            loadedVersion = version;
            LOG.errorf("Routing rules in %s refused, the rules in force stay: %s", source, e.getMessage());
        }
    }

    private List<Compiled> compile(RuleSet set) {
        if (set == null || set.manualApproval() == null) {
            throw new IllegalArgumentException("no manualApproval list");
        }
        List<Compiled> compiled = new ArrayList<>();
        for (Rule rule : set.manualApproval()) {
            if (rule.name() == null || rule.name().isBlank() || rule.when() == null || rule.when().isBlank()) {
                throw new IllegalArgumentException("every rule needs a name and a when");
            }
            try {
                compiled.add(new Compiled(rule.name(), camel.resolveLanguage("simple").createPredicate(rule.when())));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("rule " + rule.name() + " does not compile: " + e.getMessage(), e);
            }
        }
        return compiled;
    }
}
