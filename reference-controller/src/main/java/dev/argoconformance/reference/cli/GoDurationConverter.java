package dev.argoconformance.reference.cli;

import dev.argoconformance.reference.protocol.GoDuration;
import java.time.Duration;
import picocli.CommandLine;

/** {@code --timeout 10m}: durations in Go's syntax, as Argo and kubectl take them. */
final class GoDurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(
                    e.getMessage() + " (Go durations look like 90s, 10m or 1h30m)");
        }
    }
}
