package org.eventingest.resources;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes written once in 256 KiB chunks, then read by any number of threads: growing never copies
 * what is written (a {@link java.io.ByteArrayOutputStream} doubles and copies, which at a few
 * hundred megabytes is the peak of the heap), and readers share the chunks. A chunk is below half
 * of G1's smallest region (1 MiB), so it is an ordinary object and never a humongous one, which
 * would take two whole regions for a few bytes over one.
 */
final class Chunks extends OutputStream {

    private static final int CHUNK = 256 << 10;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[CHUNK];
    private int used;
    private long length;

    @Override
    public void write(int b) {
        if (used == CHUNK) {
            next();
        }
        current[used++] = (byte) b;
        length++;
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        while (count > 0) {
            if (used == CHUNK) {
                next();
            }
            final int n = Math.min(count, CHUNK - used);
            System.arraycopy(bytes, offset, current, used, n);
            used += n;
            offset += n;
            count -= n;
            length += n;
        }
    }

    private void next() {
        full.add(current);
        current = new byte[CHUNK];
        used = 0;
    }

    long length() {
        return length;
    }

    /** Writes every byte to {@code out}; safe from many threads once writing is over. */
    void writeTo(OutputStream out) throws IOException {
        for (byte[] chunk : full) {
            out.write(chunk);
        }
        out.write(current, 0, used);
    }
}
