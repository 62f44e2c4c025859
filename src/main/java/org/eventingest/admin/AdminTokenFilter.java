package org.eventingest.admin;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin port with {@code Authorization: Bearer <admin.token>}: its tasks always (they
 * change the service), and, when the port is not on loopback, every other path too (thread dumps
 * and metrics show internals) but {@code /ping}, which load balancers call without credentials.
 */
public final class AdminTokenFilter implements Filter {

    private final byte[] expected;
    private final boolean guardReads;

    /** @param guardReads whether read-only paths need the token too (the admin port is not on loopback) */
    public AdminTokenFilter(String token, boolean guardReads) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.guardReads = guardReads;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        final HttpServletRequest http = (HttpServletRequest) request;
        final String path = http.getRequestURI().substring(http.getContextPath().length());
        if (path.equals("/ping") || !guardReads && !path.startsWith("/tasks/")) {
            chain.doFilter(request, response);
            return;
        }
        final String given = http.getHeader("Authorization");
        // Constant-time comparison: the answer's timing says nothing about the token.
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            final HttpServletResponse answer = (HttpServletResponse) response;
            answer.setStatus(401);
            answer.setHeader("WWW-Authenticate", "Bearer");
            answer.setContentType("application/json");
            answer.getWriter().write("{\"status\":\"refused\",\"reason\":\"this admin path needs Authorization: Bearer "
                    + "<admin.token>\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
