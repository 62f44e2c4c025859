package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.Range;

/** {@code [admin]}: the admin connector (metrics, health checks, thread dumps, tasks). */
public class AdminSettings {

    /** Loopback by default; elsewhere a token is required, and it guards every admin path but /ping. */
    @NotBlank
    @JsonProperty("host")
    private String host = "127.0.0.1";

    @Range(min = 0, max = 65535)
    @JsonProperty("port")
    private int port = 8081;

    /** Bearer token for state-changing tasks; required when {@code host} is not a loopback address. */
    @JsonProperty("token")
    private String token;

    @com.fasterxml.jackson.annotation.JsonIgnore
    @io.dropwizard.validation.ValidationMethod(message = "admin.token (or ADMIN_TOKEN) is required when admin.host is not"
            + " a loopback address: admin tasks change the service")
    public boolean isTokenGivenOffLoopback() {
        return isLoopback() || getToken().isPresent();
    }

    /** Whether the admin connector binds a loopback address only. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLoopback() {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public java.util.Optional<String> getToken() {
        return token == null || token.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(token);
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }
}
