package dev.argoconformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The requirement trace: code cites the requirement it implements ({@code // EXEC-AUTH-05}), so one
 * {@code git grep EXEC-AUTH-05} goes from a scenario to its step and its reference-controller rule. This
 * keeps the trace true: every cited ID is a scenario's tag (or a compatibility note's ID), and every scenario
 * ({@code @must}, {@code @should}, and the reference controller's regression features) is cited by the main code of
 * the suite or the reference controller. Docker-free.
 */
class RequirementTraceTest {

    /** A scenario's ID tag, {@code @EXEC-AUTH-05}. */
    private static final Pattern TAG = Pattern.compile("@([A-Z]+)-([A-Z0-9]+)-(\\d{2})\\b");
    /** IDs a compatibility note declares: they share the requirements' shape but name a note. */
    private static final Pattern NOTE = Pattern.compile("new CompatibilityNote\\(\\s*\"([A-Z0-9.-]+)\"");

    private static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final List<Path> MAIN =
            List.of(ROOT.resolve("src/main/java"), ROOT.resolve("reference-controller/src/main/java"));
    private static final List<Path> TEST =
            List.of(ROOT.resolve("src/test/java"), ROOT.resolve("reference-controller/src/test/java"));

    private final Set<String> scenarios = scenarioIds();
    /** An ID as code cites it: a feature's prefix, an area, two digits, not part of a longer word. */
    private final Pattern cited = Pattern.compile("(?<![\\w-])(?:"
            + scenarios.stream()
                    .map(id -> id.substring(0, id.indexOf('-')))
                    .distinct()
                    .sorted()
                    .collect(Collectors.joining("|"))
            + ")-[A-Z0-9]+-\\d{2}(?![\\w-])");

    @Test
    void theFeaturesDefineRequirementsOfEveryKind() {
        assertThat(scenarios)
                .as("IDs tagged in features/")
                .anyMatch(id -> id.startsWith("EXEC-"))
                .anyMatch(id -> id.startsWith("GEN-"))
                .anyMatch(id -> id.startsWith("CTRL-"))
                .anyMatch(id -> id.startsWith("REF-"))
                .contains("EXEC-AUTH-01", "GEN-INPUT-01", "CTRL-PRE-02", "REF-404-01")
                .hasSizeGreaterThan(100);
    }

    @Test
    void everyCitedIdIsAScenarioOrACompatibilityNote() {
        Set<String> notes = new TreeSet<>();
        for (Path file : javaFiles(MAIN)) {
            Matcher m = NOTE.matcher(read(file));
            while (m.find()) notes.add(m.group(1));
        }
        List<String> unknown = new ArrayList<>();
        for (Path file : javaFiles(Stream.concat(MAIN.stream(), TEST.stream()).toList())) {
            List<String> lines = read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = cited.matcher(lines.get(i));
                while (m.find()) {
                    if (!scenarios.contains(m.group()) && !notes.contains(m.group())) {
                        unknown.add(m.group() + " at " + ROOT.relativize(file) + ":" + (i + 1));
                    }
                }
            }
        }
        assertThat(unknown)
                .as("IDs cited in code that no scenario in features/ is tagged with"
                        + " (and no CompatibilityNote declares); cite the scenario's own ID")
                .isEmpty();
    }

    /** Every @must (and, as the trace stands, every @should and every reference regression scenario). */
    @Test
    void everyRequirementIsCitedWhereItIsImplemented() {
        Set<String> citedInMain = new TreeSet<>();
        for (Path file : javaFiles(MAIN)) {
            Matcher m = cited.matcher(read(file));
            while (m.find()) citedInMain.add(m.group());
        }
        List<String> uncited =
                scenarios.stream().filter(id -> !citedInMain.contains(id)).toList();
        assertThat(uncited)
                .as("scenario IDs no main code cites: add // ID above the step (or the"
                        + " reference-controller rule) that decides it")
                .isEmpty();
    }

    @Test
    void theCitationPatternIgnoresProseAndLongerNames() {
        assertThat(cited.matcher("// EXEC-AUTH-05").find()).isTrue();
        assertThat(cited.matcher("note ARGO-V4.0.8-UNEXPECTED-EOF, GEN-APPROX-MAP-ORDER, EXEC-REQUEUE-*")
                        .find())
                .isFalse();
        assertThat(cited.matcher("X-EXEC-AUTH-05 and EXEC-AUTH-055").find()).isFalse();
    }

    /** The ID tag of every scenario in features/. */
    private static Set<String> scenarioIds() {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("features"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".feature")).toList()) {
                for (String line : read(f).lines()
                        .map(String::strip)
                        .filter(l -> l.startsWith("@"))
                        .toList()) {
                    Matcher m = TAG.matcher(line);
                    while (m.find()) {
                        assertThat(ids.add(m.group().substring(1)))
                                .as("%s tagged twice in features/", m.group())
                                .isTrue();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static List<Path> javaFiles(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(out).as("Java sources under " + dirs).isNotEmpty();
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
