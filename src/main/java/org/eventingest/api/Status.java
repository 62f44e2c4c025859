package org.eventingest.api;

/** A short answer of the application port: {@code {"status":"ready"}}, or why not. */
public record Status(String status, String reason) {
}
