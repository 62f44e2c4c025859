package org.eventingest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A hostile pipeline-apid on loopback, speaking HTTP/1.1 by hand so that it can do what a real
 * server library would not: answer with a body of hundreds of megabytes, or drip one byte a second.
 * Otherwise it answers the contract.
 */
public final class RawPipelinePeer implements AutoCloseable {

    /** How the n-th call (from 0) is answered. */
    public enum Answer { CONTRACT, HUGE, DRIP }

    /** The body length a huge answer announces: 300 MiB. */
    public static final long HUGE_BYTES = 300L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket socket;
    private final IntFunction<Answer> answers;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong hugeBytesSent = new AtomicLong();
    private final Thread thread;

    public RawPipelinePeer(IntFunction<Answer> answers) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.answers = answers;
        this.thread = new Thread(this::serve, "raw-pipeline-peer");
        thread.setDaemon(true);
        thread.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/api/v1/pipeline";
    }

    /** "R:prefix" and "D:prefix", in the order they came, whatever the answer. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many bytes of huge answers got out before the client stopped reading. */
    public long hugeBytesSent() {
        return hugeBytesSent.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                answer(client, answers.apply(calls.size()));
            } catch (IOException e) {
                // the client went away (as it should after a huge or dripping answer)
            }
        }
    }

    private void answer(Socket client, Answer answer) throws IOException {
        final BufferedReader in =
                new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        final String requestLine = in.readLine();
        int length = 0;
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        final char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        final String filename = JSON.readTree(new String(body)).get("filename").asText();
        final boolean register = requestLine.contains("/files/register");
        calls.add((register ? "R:" : "D:") + filename);
        final OutputStream out = client.getOutputStream();
        switch (answer) {
            case CONTRACT -> {
                final byte[] bytes = (register ? "{\"filename\":\"" + filename + "\",\"shards\":[0,1],\"created\":true}"
                        : "{\"filename\":\"" + filename + "\",\"updated_rows\":1}").getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
            }
            case HUGE -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                        + HUGE_BYTES + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                final byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) ' ');
                for (long sent = 0; sent < HUGE_BYTES; sent += chunk.length) {
                    out.write(chunk);
                    hugeBytesSent.addAndGet(chunk.length);
                }
            }
            case DRIP -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 1000; i++) {
                    out.write(' ');
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1)); // a peer in real time: one byte a second
                }
            }
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
