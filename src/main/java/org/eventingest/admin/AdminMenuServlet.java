package org.eventingest.admin;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

/**
 * The admin port's menu page ({@code GET /}): Dropwizard's links (metrics, ping, threads, health
 * checks, CPU profile) plus the Prometheus exposition and the service's tasks, which Dropwizard's
 * fixed menu does not list. Mapped to the root exactly, so every other admin path is Dropwizard's.
 */
public final class AdminMenuServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Path and label of each link, in the order shown. */
    private static final List<String[]> LINKS = List.of(
            new String[] {"/metrics?pretty=true", "Metrics (JSON)"},
            new String[] {"/metrics/prometheus", "Metrics (Prometheus text format)"},
            new String[] {"/healthcheck?pretty=true", "Health checks"},
            new String[] {"/ping", "Ping"},
            new String[] {"/threads", "Threads"},
            new String[] {"/pprof", "CPU profile"},
            new String[] {"/pprof?state=blocked", "CPU contention"});

    private final List<String> tasks;

    /** @param tasks the names of the admin tasks, each {@code POST /tasks/<name>} */
    public AdminMenuServlet(List<String> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "must-revalidate,no-cache,no-store");
        final String base = request.getContextPath();
        final PrintWriter out = response.getWriter();
        out.println("<!DOCTYPE html>\n<html>\n<head><title>event-ingest admin</title></head>\n<body>");
        out.println("<h1>event-ingest: operational menu</h1>\n<ul>");
        for (String[] link : LINKS) {
            out.println("  <li><a href=\"" + base + link[0] + "\">" + link[1] + "</a></li>");
        }
        out.println("</ul>\n<h2>Tasks (POST /tasks/&lt;name&gt;)</h2>\n<ul>");
        for (String task : tasks) {
            out.println("  <li><code>" + task + "</code></li>");
        }
        out.println("</ul>\n</body>\n</html>");
    }
}
