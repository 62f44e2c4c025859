package org.eventingest.tasks;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Gives a refused admin task the status it means: Dropwizard's task servlet answers 200 unless a
 * task throws (then 500), so a task that refuses bad input marks it ({@link #refuse()}) and this
 * filter, around {@code /tasks/*}, answers 400 (bad input) or 409 (not possible now) with the task's
 * JSON reason. The task's answer is
 * held back until the task is done, so that the status can still be set.
 */
public final class TaskStatusFilter implements Filter {

    private static final ThreadLocal<Integer> REFUSED = new ThreadLocal<>();

    /**
     * Called by a task, on the request's thread, when it refuses the request: 400 for bad input, 409 when it cannot
     * now.
     */
    static void refuse(int status) {
        REFUSED.set(status);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        final HttpServletResponse http = (HttpServletResponse) response;
        final CharArrayWriter body = new CharArrayWriter();
        final PrintWriter held = new PrintWriter(body);
        REFUSED.remove();
        try {
            chain.doFilter(request, new HttpServletResponseWrapper(http) {
                @Override
                public PrintWriter getWriter() {
                    return held;
                }
            });
            held.flush();
            final Integer refused = REFUSED.get();
            if (refused != null) {
                http.setStatus(refused);
            }
            http.getWriter().write(body.toCharArray());
        } finally {
            REFUSED.remove();
        }
    }
}
