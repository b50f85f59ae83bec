package io.busbar.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.busbar.hub.infra.DataDirectory;
import io.busbar.hub.infra.StartupCheckFailed;
import io.quarkus.runtime.Quarkus;

/**
 * Starts the hub. Checks what the full configuration cannot yet report clearly: that the data directory can be
 * written (the transaction manager writes its log there first, and would fail after half a minute of retries with a
 * wall of stack traces), and that the production profile has the settings of its external systems.
 * <p>
 * Named by {@code quarkus.package.main-class} rather than annotated {@code @QuarkusMain}: the annotation would stop
 * Camel Quarkus from starting Camel by itself.
 */
public final class BusbarMain {

    /** Environment variable of each external-system setting of the production profile, and the property it feeds. */
    public static final Map<String, String> PRODUCTION_SETTINGS = Map.of(
            "BUSBAR_DB_URL", "quarkus.datasource.jdbc.url",
            "BUSBAR_DB_USER", "quarkus.datasource.username",
            "BUSBAR_DB_PASSWORD", "quarkus.datasource.password",
            "BUSBAR_BROKER_URL", "busbar.broker.url",
            "BUSBAR_BROKER_USER", "busbar.broker.user",
            "BUSBAR_BROKER_PASSWORD", "busbar.broker.password",
            "BUSBAR_OIDC_ISSUER", "quarkus.oidc.token.issuer",
            "BUSBAR_OIDC_PUBLIC_KEY", "quarkus.oidc.public-key",
            "BUSBAR_OIDC_AUDIENCE", "quarkus.oidc.token.audience");

    private BusbarMain() {
    }

    public static void main(String... args) {
        try {
            if ("prod".equals(profile())) {
                checkProductionSettings();
            }
            DataDirectory.checkWritable(earlyDataDir());
        } catch (StartupCheckFailed e) {
            System.err.println(e);
            System.exit(1);
        }
        recoveryDefaults();
        Quarkus.run(args);
    }

    /**
     * Narayana reads these once, before the first transaction, from system properties; an operator's -D wins.
     * <ul>
     * <li>A branch that no resource manager lists any more has completed: after a crash between the commits of the
     * database and the broker branches, the committed branch is gone from its resource manager, and without this the
     * transaction's log would stay in doubt for ever. Every resource manager of the hub has a recovery helper, so a
     * branch that is missing is not merely unreachable.</li>
     * <li>A recovery pass every 30 s instead of 120 s: rows a prepared branch of a killed hub still locks are released
     * sooner.</li>
     * <li>The first periodic pass 60 s after start: the hub suspends recovery while it starts its broker and registers
     * the broker's recovery helper, and runs the first pass itself once every resource manager can answer.</li>
     * </ul>
     */
    static void recoveryDefaults() {
        defaultProperty("JTAEnvironmentBean.xaAssumeRecoveryComplete", "true");
        defaultProperty("RecoveryEnvironmentBean.periodicRecoveryPeriod", "30");
        defaultProperty("RecoveryEnvironmentBean.recoveryBackoffPeriod", "5");
        defaultProperty("RecoveryEnvironmentBean.periodicRecoveryInitilizationOffset", "60");
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static String profile() {
        String profile = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        return profile == null ? "prod" : profile;
    }

    private static void checkProductionSettings() {
        List<String> missing = missingProductionSettings(System::getenv, System::getProperty);
        if (!missing.isEmpty()) {
            throw new StartupCheckFailed("the production profile needs " + String.join(", ", missing)
                    + " (its external PostgreSQL, Artemis and token issuer and audience); to run on embedded defaults, start with"
                    + " -Dquarkus.profile=embedded");
        }
    }

    /** The production settings given neither as environment variable nor as the property it stands for. */
    public static List<String> missingProductionSettings(UnaryOperator<String> env, UnaryOperator<String> properties) {
        return PRODUCTION_SETTINGS.entrySet().stream()
                .filter(s -> env.apply(s.getKey()) == null && properties.apply(s.getValue()) == null)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** busbar.data-dir as given on the command line or in the environment; the full configuration is not read yet. */
    private static Path earlyDataDir() {
        String dir = System.getProperty("busbar.data-dir", System.getenv("BUSBAR_DATA_DIR"));
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.dir"), "data");
    }
}
