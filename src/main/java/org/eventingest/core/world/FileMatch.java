package org.eventingest.core.world;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An output stream that compares what is written to it with a published file's bytes, as a tick
 * regenerated from the seed is encoded: equal but for the {@code saved_at} values (when the line
 * was written, which a regeneration cannot know). It counts the file's lines as it goes, and stops
 * at the first other difference.
 */
final class FileMatch extends OutputStream {

    private static final byte[] SAVED_AT = "\"saved_at\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int TIME_LENGTH = "yyyy-MM-dd HH:mm:ss.SSS".length();

    /** Thrown at the first byte that differs: the regeneration is not this file. */
    static final class Mismatch extends IOException {
        private static final long serialVersionUID = 1L;

        Mismatch(long offset) {
            super("differs at byte " + offset);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // thrown for each size tried: no stack to walk
        }
    }

    private final ByteBuffer file;
    private int position;
    private int lines;

    FileMatch(ByteBuffer file) {
        this.file = file;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (position + length > file.limit()) {
            throw new Mismatch(file.limit());
        }
        int done = 0;
        while (done < length) {
            // Bulk comparison (vectorised); a difference is allowed only inside a saved_at value.
            final int differs = file.slice(position + done, length - done)
                    .mismatch(ByteBuffer.wrap(bytes, offset + done, length - done));
            if (differs < 0) {
                break;
            }
            final int at = position + done + differs;
            if (!inSavedAt(at)) {
                throw new Mismatch(at);
            }
            done += differs + 1;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] == '\n') {
                lines++;
            }
        }
        position += length;
    }

    /** Whether {@code at} lies in the value of a {@code saved_at} field of the file (the same length in both). */
    private boolean inSavedAt(int at) {
        for (int start = at; start > at - TIME_LENGTH && start >= SAVED_AT.length; start--) {
            boolean field = true;
            for (int k = 0; k < SAVED_AT.length && field; k++) {
                field = file.get(start - SAVED_AT.length + k) == SAVED_AT[k];
            }
            if (field) {
                return true;
            }
        }
        return false;
    }

    /** Whether every byte of the file was matched. */
    boolean complete() {
        return position == file.limit();
    }

    int lines() {
        return lines;
    }

    /** The file's line {@code number} (1-based), without its newline. */
    String line(int number) {
        int newlines = 0;
        int start = 0;
        for (int i = 0; i < file.limit() && newlines < number - 1; i++) {
            if (file.get(i) == '\n') {
                newlines++;
                start = i + 1;
            }
        }
        int end = start;
        while (file.get(end) != '\n') {
            end++;
        }
        final byte[] bytes = new byte[end - start];
        file.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
