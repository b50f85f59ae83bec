package io.busbar.hub.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's anti-forgery token: every form the console renders carries it, every action checks it. The console
 * has no session (HTTP Basic), so the token is bound to the signed-in account: an HMAC of the user name under a key
 * only the hub knows (busbar.console.csrf-key, BUSBAR_CONSOLE_CSRF_KEY, the same on every instance behind one address;
 * unset: a random key per start, and pages open across a restart must be reloaded).
 */
@ApplicationScoped
public class ConsoleTokens {

    private final byte[] key;

    ConsoleTokens(@ConfigProperty(name = "busbar.console.csrf-key") Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            key = configured.get().getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public String tokenFor(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(("busbar-console:" + user).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean matches(String user, String token) {
        return token != null && MessageDigest.isEqual(tokenFor(user).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
