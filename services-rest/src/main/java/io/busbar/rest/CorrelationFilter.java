package io.busbar.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.busbar.services.common.Correlation;

/** Takes the caller's X-Correlation-ID (or makes one) and returns it on every response. */
public class CorrelationFilter {

    @Inject
    Correlation correlation;

    @ServerRequestFilter(preMatching = true)
    public void in(ContainerRequestContext request) {
        correlation.accept(request.getHeaderString(Correlation.HEADER));
    }

    @ServerResponseFilter
    public void out(ContainerResponseContext response) {
        response.getHeaders().putSingle(Correlation.HEADER, correlation.id());
    }
}
