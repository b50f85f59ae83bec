package io.busbar.rest;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.ServiceException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error of the REST door as application/problem+json; never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ConfigProperty(name = "busbar.rest.auth-challenge", defaultValue = "Basic realm=\"Busbar\"")
    String challenge;

    @ServerExceptionMapper
    public Response service(ServiceException e, UriInfo uri) {
        Problem.Type type;
        if (e instanceof ServiceException.NotFound) {
            type = Problem.Type.NOT_FOUND;
        } else if (e instanceof ServiceException.InvalidRequest) {
            type = Problem.Type.INVALID_REQUEST;
        } else if (e instanceof ServiceException.AccessDenied) {
            type = Problem.Type.FORBIDDEN;
        } else if ("VERSION_MISMATCH".equals(e.code()) || "PRECONDITION_FAILED".equals(e.code())) {
            type = Problem.Type.PRECONDITION_FAILED;
        } else {
            type = Problem.Type.CONFLICT;
        }
        return respond(Problem.of(type, e.getMessage(), path(uri), e.code(), e.violations()));
    }

    @ServerExceptionMapper
    public Response preconditionRequired(ETags.PreconditionRequired e, UriInfo uri) {
        return respond(Problem.of(Problem.Type.PRECONDITION_REQUIRED, e.getMessage(), path(uri), "IF_MATCH_REQUIRED",
                List.of()));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of(Problem.Type.UNAUTHORIZED, "valid credentials are required", path(uri),
                "UNAUTHORIZED", List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .entity(problem).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(Problem.Type.FORBIDDEN, "your roles do not allow this operation", path(uri),
                "ACCESS_DENIED", List.of()));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        List<FieldViolation> errors = List.of();
        String detail = "the body is not valid JSON for this operation";
        if (e instanceof UnrecognizedPropertyException unknown) {
            errors = List.of(new FieldViolation(path(unknown), "is not a property of this request"));
            detail = "unknown property " + path(unknown);
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            errors = List.of(new FieldViolation(path(mapping), "has the wrong type or format"));
            detail = path(mapping) + " has the wrong type or format";
        }
        return respond(Problem.of(Problem.Type.MALFORMED_REQUEST, detail, path(uri), "MALFORMED_JSON", errors));
    }

    /** Quarkus has its own mapper for this family; this one answers in the contract's form. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && rootCause(e) instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (status == 413) {
            return respond(Problem.of(Problem.Type.PAYLOAD_TOO_LARGE, "the request body is too large", path(uri),
                    "PAYLOAD_TOO_LARGE", List.of()));
        }
        Response.StatusType statusType = e.getResponse().getStatusInfo();
        return respond(Problem.http(status, statusType.getReasonPhrase(), statusType.getReasonPhrase(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "REST request %s failed unexpectedly (reference %s)", path(uri), reference);
        return respond(Problem.of(Problem.Type.INTERNAL_ERROR, "internal error; quote reference " + reference, path(uri),
                "INTERNAL_ERROR", List.of()));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
