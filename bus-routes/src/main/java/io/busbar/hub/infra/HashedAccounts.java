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
 * Production accounts with salted, slow password hashes (bcrypt, Modular Crypt Format {@code $2a$}/{@code $2b$}/
 * {@code $2y$}): {@code busbar.accounts.<user>.password-hash} and {@code busbar.accounts.<user>.roles}. HTTP Basic,
 * the WS-Security UsernameToken check and the Jolokia agent all ask the identity providers, so every door checks the
 * same store. A user this store does not know is left to the other providers (the embedded default's demo users).
 * <p>
 * bcrypt costs tens of milliseconds by design and HTTP Basic and UsernameToken send the password on every request:
 * a password that checked out is remembered for a few minutes as a keyed hash in memory only, so a busy partner
 * costs one bcrypt check per period, while a guess still costs a full one.
 */
@ApplicationScoped
public class HashedAccounts implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String PREFIX = "busbar.accounts.";
    static final Duration REMEMBER = Duration.ofMinutes(5);

    record Account(String hash, Set<String> roles) {
    }

    private record Verified(byte[] mac, long until) {
    }

    private final Map<String, Account> accounts;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    HashedAccounts() {
        this(ConfigProvider.getConfig());
    }

    HashedAccounts(Config config) {
        accounts = read(config);
        new SecureRandom().nextBytes(key);
    }

    static Map<String, Account> read(Config config) {
        Map<String, Account> found = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && name.endsWith(".password-hash")) {
                String user = name.substring(PREFIX.length(), name.length() - ".password-hash".length());
                String hash = config.getValue(name, String.class).trim();
                if (!hash.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
                    throw new StartupCheckFailed(name + " is not a bcrypt hash ($2a$<cost>$...; see docs/operations.md)");
                }
                Set<String> roles = Set.copyOf(Arrays.stream(config.getOptionalValue(PREFIX + user + ".roles", String.class)
                        .orElse("").split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList());
                found.put(user, new Account(hash, roles));
            }
        }
        return Map.copyOf(found);
    }

    /** The users this store holds (the production profile refuses demo-* names here too). */
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
        HashedAccounts store = new HashedAccounts(config);
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
            public boolean check(String user, String password) {
                return store.check(user, store.accounts.get(user), password);
            }
        };
    }

    public interface Probe {
        Set<String> users();

        Set<String> roles(String user);

        boolean check(String user, String password);
    }

    /** Prints a bcrypt hash for busbar.accounts.<user>.password-hash: {@code java -cp <hub jar> ... HashedAccounts}. */
    public static void main(String[] args) {
        char[] typed = System.console() != null ? System.console().readPassword("Password: ") : null;
        String password = typed != null ? new String(typed) : args.length > 0 ? args[0] : null;
        if (password == null || password.isEmpty()) {
            System.err.println("usage: HashedAccounts (asks for the password), or HashedAccounts <password>");
            System.exit(2);
        }
        System.out.println(BcryptUtil.bcryptHash(password, 12));
    }
}
