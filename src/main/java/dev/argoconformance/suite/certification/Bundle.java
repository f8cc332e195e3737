package dev.argoconformance.suite.certification;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The evidence of one run: {@code reports/<run>/}, and a copy at {@code reports/latest/} so CI
 * recipes and people find the newest without knowing its name.
 */
final class Bundle {

    static final String LATEST = "latest";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;

    private Bundle(Path dir) {
        this.dir = dir;
    }

    static Bundle of(CertificationRun run) {
        return run.getOrCompute(Bundle.class, () -> create(run));
    }

    private static Bundle create(CertificationRun run) {
        Path dir = run.options()
                .reportsDir()
                .resolve(STAMP.format(run.startedAt()) + "-" + run.id().substring(0, 8));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report folder " + dir, e);
        }
        return new Bundle(dir);
    }

    public Path dir() {
        return dir;
    }

    OutputStream out(String name) {
        try {
            return Files.newOutputStream(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    void write(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    /** Replaces reports/latest with a copy of this bundle. */
    void publishAsLatest() {
        Path latest = dir.getParent().resolve(LATEST);
        try {
            if (Files.exists(latest)) {
                try (Stream<Path> old = Files.walk(latest)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(latest);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + dir + " as " + latest, e);
        }
    }
}
