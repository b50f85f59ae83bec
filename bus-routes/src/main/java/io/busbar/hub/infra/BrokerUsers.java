package io.busbar.hub.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/** Users of the embedded broker: the hub's own account plus the configured outside clients. */
public final class BrokerUsers implements ActiveMQSecurityManager {

    private record Account(byte[] password, List<String> roles) {
    }

    private final Map<String, Account> accounts = new HashMap<>();

    public BrokerUsers add(String user, String password, String roles) {
        List<String> roleList = Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        accounts.put(user, new Account(password.getBytes(StandardCharsets.UTF_8), roleList));
        return this;
    }

    @Override
    public boolean validateUser(String user, String password) {
        Account account = user == null ? null : accounts.get(user);
        return account != null && password != null
                && MessageDigest.isEqual(account.password(), password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        if (!validateUser(user, password) || roles == null) {
            return false;
        }
        List<String> granted = accounts.get(user).roles();
        return roles.stream().anyMatch(role -> granted.contains(role.getName()) && checkType.hasRole(role));
    }
}
