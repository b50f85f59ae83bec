package io.busbar.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.busbar.services.common.FieldViolation;
import io.busbar.services.common.ServiceException;

/** How each kind of failure is answered: the problem type, status and what must never leak. */
class ProblemMappersTest {

    final ProblemMappers mappers = new ProblemMappers();

    @Test
    void anUnexpectedFailureIsAnInternalErrorWithAReferenceAndNothingElse() {
        Response response = mappers.unexpected(new IllegalStateException("password=hunter2 at org.example.Secret"), null);
        Problem problem = (Problem) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getMediaType()).hasToString("application/problem+json");
        assertThat(problem.type()).hasToString("https://busbar.io/problems/internal-error");
        assertThat(problem.detail()).matches("internal error; quote reference [0-9a-f-]{36}");
        assertThat(problem.toString()).doesNotContain("hunter2", "IllegalStateException", "org.example");
    }

    @Test
    void businessOutcomesMapToTheirTypes() {
        assertThat(status(new ServiceException.NotFound("X_NOT_FOUND", "no x"))).isEqualTo(404);
        assertThat(status(new ServiceException.InvalidRequest("BAD", "bad", List.of(new FieldViolation("a", "b")))))
                .isEqualTo(400);
        assertThat(status(new ServiceException.Conflict("EMAIL_IN_USE", "taken"))).isEqualTo(409);
        assertThat(status(new ServiceException.Conflict("VERSION_MISMATCH", "stale"))).isEqualTo(412);
        assertThat(status(new ServiceException.AccessDenied("no"))).isEqualTo(403);
        Problem invalid = (Problem) mappers.service(new ServiceException.InvalidRequest("BAD", "bad",
                List.of(new FieldViolation("lines[0].quantity", "must be 1 or more"))), null).getEntity();
        assertThat(invalid.errors()).containsExactly(new FieldViolation("lines[0].quantity", "must be 1 or more"));
        assertThat(invalid.code()).isEqualTo("BAD");
    }

    @Test
    void aMissingIfMatchIsPreconditionRequired() {
        Response response = mappers.preconditionRequired(new ETags.PreconditionRequired(), null);
        assertThat(response.getStatus()).isEqualTo(428);
        assertThat(((Problem) response.getEntity()).type()).hasToString("https://busbar.io/problems/precondition-required");
    }

    private int status(ServiceException e) {
        return mappers.service(e, null).getStatus();
    }
}
