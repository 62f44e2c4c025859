package org.eventingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eventingest.support.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make run}, the README's first command, stopped as a terminal or a supervisor stops it: the
 * signal goes to the whole process group (make, its shell and java). The service stops gracefully
 * and make reports no error.
 */
class MakeRunIT {

    @TempDir
    Path dir;

    @Test
    void makeRunStopsCleanlyWhenItsProcessGroupIsSignalled() throws Exception {
        final Path log = dir.resolve("make.log");
        final ProcessBuilder builder = new ProcessBuilder("setsid", "make", "--no-print-directory", "run")
                .directory(JarProcess.projectRoot().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SHARED_DIR", dir.resolve("shared").toString());
        builder.environment().put("PIPELINE_URL", "http://127.0.0.1:9/api/v1/pipeline");
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().put("ADMIN_PORT", "0");
        final Process make = builder.start();
        try {
            await().atMost(120, TimeUnit.SECONDS).until(() -> Files.readString(log).contains(" listening on "));
            // setsid made make the leader of a new process group whose id is its pid.
            final Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + make.pid()).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(make.waitFor(60, TimeUnit.SECONDS)).isTrue();
            // make ends as the TERM it was sent says (128 + 15), quietly: not with a failed recipe's status 2.
            assertThat(make.exitValue()).isEqualTo(143);
            final String output = Files.readString(log);
            assertThat(output).contains("generator stopped");
            assertThat(output).doesNotContain("make: ***").doesNotContain("Error 143");
        } finally {
            make.destroyForcibly();
        }
    }
}
