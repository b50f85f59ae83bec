package io.busbar.hub.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** A test token issuer: RSA keys made for the run, JWTs signed like an OIDC provider's access tokens. */
public final class Tokens {

    public static final String ISSUER = "https://issuer.test.busbar.io";
    /** The audience the hub under test is configured for (BUSBAR_OIDC_AUDIENCE). */
    public static final String AUDIENCE = "busbar-hub";
    private static final KeyPair KEYS = rsa();
    private static final KeyPair FOREIGN = rsa();

    private Tokens() {
    }

    /** The issuer's public key as the hub's configuration takes it (base64 X.509). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String token(String issuer, String... groups) {
        return sign(KEYS, issuer, AUDIENCE, groups);
    }

    /** A token of the right issuer and key for another service (its aud claim names something else). */
    public static String tokenFor(String audience, String... groups) {
        return sign(KEYS, ISSUER, audience, groups);
    }

    /** A token with the right claims signed by a key the hub does not trust. */
    public static String foreignToken(String issuer, String... groups) {
        return sign(FOREIGN, issuer, AUDIENCE, groups);
    }

    /** A bcrypt hash as production accounts store their passwords (busbar.accounts.<user>.password-hash). */
    public static String bcrypt(String password) {
        return io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(password, 10);
    }

    /** hex SHA-512 of user:realm:password, the embedded realm's digest (no longer accepted in production). */
    public static String digest(String user, String password) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-512")
                    .digest((user + ":Busbar:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(KeyPair keys, String issuer, String audience, String... groups) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("integration-partner");
        claims.setStringClaim("preferred_username", "integration-partner");
        claims.setStringListClaim("groups", List.of(groups));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
