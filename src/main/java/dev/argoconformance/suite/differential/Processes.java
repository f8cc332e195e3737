package dev.argoconformance.suite.differential;

import dev.argoconformance.suite.config.HarnessException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a harness binary to its end with a bound, its output kept in files (a pipe could fill and stall it). */
final class Processes {

    record Exec(int exit, String stdout, String stderr) {}

    private Processes() {}

    static Exec exec(List<String> command, Duration limit, Path dir, String name) {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile(name + "-", ".out");
            err = Files.createTempFile(name + "-", ".err");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            process = builder.start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new HarnessException(
                        name + " did not finish within " + limit.toSeconds() + " s: " + String.join(" ", command));
            }
            return new Exec(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HarnessException("cannot run " + command.get(0) + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted while " + name + " ran", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * A harness binary under the repository: {@code root} or the nearest of its parents that holds it
     * (the jar may run from a subfolder, as Maven's tests run from {@code src/}); {@code root}'s when none does.
     */
    static Path inRepository(Path root, String binary) {
        for (Path dir = root.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(binary))) {
                return dir.resolve(binary);
            }
        }
        return root.resolve(binary);
    }

    static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp file left behind
        }
    }
}
