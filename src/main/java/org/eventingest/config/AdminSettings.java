package org.eventingest.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotBlank;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
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

    @JsonIgnore
    @ValidationMethod(message = "admin.token (or ADMIN_TOKEN) is required when admin.host is not"
            + " a loopback address: admin tasks change the service")
    public boolean isTokenGivenOffLoopback() {
        return isLoopback() || getToken().isPresent();
    }

    /** Whether the admin connector binds a loopback address only. */
    @JsonIgnore
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public Optional<String> getToken() {
        return token == null || token.isBlank() ? Optional.empty() : Optional.of(token);
    }

    public String getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }
}
