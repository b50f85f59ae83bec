package io.busbar.services.soap;

import java.util.function.Supplier;

import jakarta.inject.Inject;

import io.busbar.services.common.ServiceException;
import io.busbar.services.security.Access;

/**
 * What every service's SOAP door does around an operation: check the caller's roles, call the service, and turn a
 * business outcome into the fault the WSDL declares.
 */
public abstract class SoapDoor {

    private final Faults<?, ?, ?, ?> faults;

    @Inject
    Access access;

    protected SoapDoor(Faults<?, ?, ?, ?> faults) {
        this.faults = faults;
    }

    protected <T> T call(String[] roles, Supplier<T> operation) {
        try {
            access.require(roles);
            return operation.get();
        } catch (ServiceException e) {
            throw Sneaky.rethrow(faults.map(e));
        }
    }
}
