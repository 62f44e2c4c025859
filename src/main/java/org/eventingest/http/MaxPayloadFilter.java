package org.eventingest.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code events.max_payload_size}: refuses a request whose body is larger (413), or whose size is
 * not declared (411), before any resource reads it.
 */
public final class MaxPayloadFilter implements Filter {

    private final long maxBytes;

    public MaxPayloadFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        final HttpServletRequest http = (HttpServletRequest) request;
        final long length = http.getContentLengthLong();
        if (length > maxBytes) {
            refuse((HttpServletResponse) response, 413, "request body of " + length
                    + " bytes exceeds events.max_payload_size = " + maxBytes);
            return;
        }
        if (length < 0 && http.getHeader("Transfer-Encoding") != null) {
            refuse((HttpServletResponse) response, 411, "a request body needs a Content-Length");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        response.getWriter().write("{\"status\":\"refused\",\"reason\":\"" + reason + "\"}");
    }
}
