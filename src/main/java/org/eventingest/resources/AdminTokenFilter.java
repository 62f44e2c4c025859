package org.eventingest.resources;

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
 * Guards the admin port's tasks (they change the service) with {@code Authorization: Bearer <admin.token>}.
 * Metrics, health checks, ping and thread dumps are read-only and not guarded.
 */
public final class AdminTokenFilter implements Filter {

    private final byte[] expected;

    public AdminTokenFilter(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        final String given = ((HttpServletRequest) request).getHeader("Authorization");
        // Constant-time comparison: the answer's timing says nothing about the token.
        if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
            final HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(401);
            http.setHeader("WWW-Authenticate", "Bearer");
            http.setContentType("application/json");
            http.getWriter().write("{\"status\":\"refused\",\"reason\":\"admin tasks need Authorization: Bearer <admin.token>\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
