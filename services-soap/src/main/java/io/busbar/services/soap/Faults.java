package io.busbar.services.soap;

import java.util.function.BiFunction;

import io.busbar.contract.common.v1.FaultDetail;
import io.busbar.contract.common.v1.FieldError;
import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.ServiceException;

/**
 * Turns a {@link ServiceException} into the fault its WSDL declares. Each service's WSDL generates its own fault
 * classes; an endpoint passes their constructors.
 */
public final class Faults<NF extends Exception, IR extends Exception, CF extends Exception, AD extends Exception> {

    private final BiFunction<String, FaultDetail, NF> notFound;
    private final BiFunction<String, FaultDetail, IR> invalidRequest;
    private final BiFunction<String, FaultDetail, CF> conflict;
    private final BiFunction<String, FaultDetail, AD> accessDenied;

    public Faults(BiFunction<String, FaultDetail, NF> notFound, BiFunction<String, FaultDetail, IR> invalidRequest,
            BiFunction<String, FaultDetail, CF> conflict, BiFunction<String, FaultDetail, AD> accessDenied) {
        this.notFound = notFound;
        this.invalidRequest = invalidRequest;
        this.conflict = conflict;
        this.accessDenied = accessDenied;
    }

    /** The declared fault for this outcome; {@code Exception} so an endpoint rethrows it as one of its declared types. */
    public Exception map(ServiceException e) {
        FaultDetail detail = detail(e);
        if (e instanceof ServiceException.NotFound) {
            return notFound.apply(e.getMessage(), detail);
        }
        if (e instanceof ServiceException.InvalidRequest) {
            return invalidRequest.apply(e.getMessage(), detail);
        }
        if (e instanceof ServiceException.Conflict) {
            return conflict.apply(e.getMessage(), detail);
        }
        return accessDenied.apply(e.getMessage(), detail);
    }

    public static FaultDetail detail(ServiceException e) {
        FaultDetail detail = new FaultDetail();
        detail.setCode(e.code());
        detail.setMessage(e.getMessage());
        for (FieldViolation v : e.violations()) {
            FieldError error = new FieldError();
            error.setField(v.field());
            error.setReason(v.reason());
            detail.getFieldErrors().add(error);
        }
        return detail;
    }
}
