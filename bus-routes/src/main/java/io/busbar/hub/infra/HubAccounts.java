package io.busbar.hub.infra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The hub's one store of username/password accounts, asked by every door: HTTP Basic, the WS-Security UsernameToken
 * check and the Jolokia agent all go through the identity providers, and this is the only one that takes a username
 * and a password (the Elytron properties realm is not built in: with two providers the answer depended on which one
 * Quarkus asked first, and the realm fails a user it does not know instead of passing it on).
 * <ul>
 * <li>{@code busbar.accounts.<user>.password-hash}: a salted, slow bcrypt hash (Modular Crypt Format {@code $2a$}/
 * {@code $2b$}/{@code $2y$}), for production.</li>
 * <li>{@code busbar.accounts.<user>.password}: a plain password, for the embedded default's demo accounts only; the
 * production profile refuses to start with one (HubInfrastructure).</li>
 * <li>{@code busbar.accounts.<user>.roles}: comma-separated roles.</li>
 * </ul>
 * bcrypt costs tens of milliseconds by design and HTTP Basic and UsernameToken send the password on every request:
 * a password that checked out is remembered for a few minutes as a keyed hash in memory only, so a busy partner
 * costs one bcrypt check per period, while a guess still costs a full one.
 */
@ApplicationScoped
public class HubAccounts implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String PREFIX = "busbar.accounts.";
    static final String HASH = ".password-hash";
    static final String PLAIN = ".password";
    static final Duration REMEMBER = Duration.ofMinutes(5);

    /** One account: a bcrypt hash or (demo accounts) a plain password, never both. */
    record Account(String hash, String plain, Set<String> roles) {
    }

    private record Verified(byte[] mac, long until) {
    }

    private final Map<String, Account> accounts;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    HubAccounts() {
        this(ConfigProvider.getConfig());
    }

    HubAccounts(Config config) {
        accounts = read(config);
        new SecureRandom().nextBytes(key);
    }

    static Map<String, Account> read(Config config) {
        Map<String, Account> found = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX) || !(name.endsWith(HASH) || name.endsWith(PLAIN))) {
                continue;
            }
            boolean hashed = name.endsWith(HASH);
            // a user name with dots is quoted in the key: busbar.accounts."a.b".password-hash
            String key = name.substring(PREFIX.length(), name.length() - (hashed ? HASH : PLAIN).length());
            String user = key.replace("\"", "");
            String value = config.getValue(name, String.class).trim();
            if (hashed && !value.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                throw new StartupCheckFailed(name + " is not a bcrypt hash ($2a$<cost>$...; see docs/operations.md)");
            }
            if (value.isEmpty()) {
                throw new StartupCheckFailed(name + " is empty");
            }
            Set<String> roles = Set.copyOf(Arrays.stream(config.getOptionalValue(PREFIX + key + ".roles", String.class)
                    .orElse("").split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList());
            Account account = hashed ? new Account(value, null, roles) : new Account(null, value, roles);
            if (found.put(user, account) != null) {
                throw new StartupCheckFailed(PREFIX + user + " has both a password and a password-hash; keep one");
            }
        }
        return Map.copyOf(found);
    }

    /** The accounts with a plain password in a configuration (the production profile refuses to start with any). */
    public static Set<String> plainUsers(Config config) {
        return read(config).entrySet().stream().filter(e -> e.getValue().plain() != null).map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The users this store holds. */
    public Set<String> users() {
        return accounts.keySet();
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        Account account = accounts.get(request.getUsername());
        if (account == null) {
            return Uni.createFrom().nullItem();
        }
        String password = new String(request.getPassword().getPassword());
        return context.runBlocking(() -> {
            if (!check(request.getUsername(), account, password)) {
                throw new AuthenticationFailedException("wrong password for " + request.getUsername());
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(request.getUsername()))
                    .addRoles(account.roles()).addCredential(request.getPassword()).build();
        });
    }

    boolean check(String user, Account account, String password) {
        if (account.plain() != null) {
            return MessageDigest.isEqual(account.plain().getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        }
        byte[] mac = mac(user, password);
        Verified last = verified.get(user);
        if (last != null && last.until() > System.currentTimeMillis() && MessageDigest.isEqual(last.mac(), mac)) {
            return true;
        }
        if (!BcryptUtil.matches(password, account.hash())) {
            return false;
        }
        verified.put(user, new Verified(mac, System.currentTimeMillis() + REMEMBER.toMillis()));
        return true;
    }

    private byte[] mac(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal((user + '\0' + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The store over a given configuration, for tests: users, roles and the password check. */
    public static Probe probe(Config config) {
        HubAccounts store = new HubAccounts(config);
        return new Probe() {
            @Override
            public Set<String> users() {
                return store.users();
            }

            @Override
            public Set<String> roles(String user) {
                return store.accounts.get(user).roles();
            }

            @Override
            public Set<String> plainUsers() {
                return HubAccounts.plainUsers(config);
            }

            @Override
            public boolean check(String user, String password) {
                return store.check(user, store.accounts.get(user), password);
            }
        };
    }

    public interface Probe {
        Set<String> users();

        Set<String> roles(String user);

        Set<String> plainUsers();

        boolean check(String user, String password);
    }

    /** Prints a bcrypt hash for busbar.accounts.<user>.password-hash: {@code java -cp <hub jar> ... HubAccounts}. */
    public static void main(String[] args) {
        char[] typed = System.console() != null ? System.console().readPassword("Password: ") : null;
        String password = typed != null ? new String(typed) : args.length > 0 ? args[0] : null;
        if (password == null || password.isEmpty()) {
            System.err.println("usage: HubAccounts (asks for the password), or HubAccounts <password>");
            System.exit(2);
        }
        System.out.println(BcryptUtil.bcryptHash(password, 12));
    }
}
