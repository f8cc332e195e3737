package dev.argoconformance.suite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.certification.FeatureCatalogue;
import dev.argoconformance.suite.certification.Level;
import dev.argoconformance.suite.certification.Requirement;
import dev.argoconformance.suite.certification.ResultsSchema;
import dev.argoconformance.suite.plugin.SampleImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar argo-plugin-conformance.jar}, the jar Maven just shaded, run as a plugin author
 * runs it: in a folder of their own, in a fresh JVM, with nothing of Maven's around. Runs after
 * {@code package} (failsafe), so it tests the artifact, not the classes.
 */
@Tag("docker")
class RunnableJarIT {

    static final Path JAR = Path.of(System.getProperty("suite.jar", "target/argo-plugin-conformance.jar"))
            .toAbsolutePath();
    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    @TempDir
    Path work;

    record Outcome(int exit, String out, String err) {}

    Outcome javaJar(Duration timeout, String... args) throws IOException, InterruptedException {
        return javaJar(Path.of(System.getProperty("java.home")), JAR, timeout, args);
    }

    Outcome javaJar(Path javaHome, Path jarFile, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-jar", jarFile.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process jar = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            assertThat(jar.waitFor(timeout.toSeconds(), TimeUnit.SECONDS))
                    .as("java -jar %s finished within %s", String.join(" ", args), timeout)
                    .isTrue();
            return new Outcome(
                    jar.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (jar.isAlive()) {
                jar.descendants().forEach(ProcessHandle::destroyForcibly);
                jar.destroyForcibly();
            }
        }
    }

    @Test
    void theManifestNamesMainAndAllowsNativeAccessAndServicesAreMerged() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest.getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.argoconformance.reference.cli.JavaVersionGate");
            assertThat(manifest.getMainAttributes().getValue("Gated-Main-Class"))
                    .isEqualTo("dev.argoconformance.suite.launcher.Main");
            assertThat(manifest.getMainAttributes().getValue("Enable-Native-Access"))
                    .isEqualTo("ALL-UNNAMED");
            String engines = new String(
                    jar.getInputStream(jar.getEntry("META-INF/services/org.junit.platform.engine.TestEngine"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(engines).contains("io.cucumber.junit.platform.engine.CucumberTestEngine");
            String filters = new String(
                    jar.getInputStream(
                                    jar.getEntry("META-INF/services/org.junit.platform.launcher.PostDiscoveryFilter"))
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(filters).contains("dev.argoconformance.suite.certification.ProfileFilter");
            assertThat(jar.getEntry("results.schema.json"))
                    .as("the schema ships in the jar")
                    .isNotNull();
            assertThat(jar.getEntry("features/executor/01-auth.feature"))
                    .as("the features ship in the jar")
                    .isNotNull();
        }
    }

    @Test
    void helpAndListWorkWithoutMaven() throws Exception {
        Outcome help = javaJar(Duration.ofSeconds(60), "--help");
        Outcome list = javaJar(Duration.ofSeconds(60), "--list", "--profile=core");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: argo-plugin-conformance").contains("Exit codes:");
        assertThat(list.exit()).as("stderr: %s", list.err()).isZero();
        // The cluster tier's requirements are listed only when -Dplugin.cluster asks for that tier.
        List<String> musts = FeatureCatalogue.requirements("executor").stream()
                .filter(r -> r.level() == Level.MUST && !r.area().equals("cluster"))
                .map(Requirement::id)
                .toList();
        List<String> listed = list.out()
                .lines()
                .map(String::strip)
                .filter(l -> l.startsWith("EXEC-"))
                .map(l -> l.split("\\s+")[0])
                .toList();
        assertThat(listed).as("the jar's --list --profile=core").containsExactlyElementsOf(musts);
        assertThat(work.resolve("reports")).as("listing writes nothing").doesNotExist();
    }

    @Test
    void anOlderJavaIsToldWhichJavaTheSuiteNeeds() throws Exception {
        Path oldJava = olderJdk().orElse(null);
        Assumptions.assumeTrue(oldJava != null, "no JDK older than 21 under /usr/lib/jvm to run the jar with");

        Outcome suite = javaJar(oldJava, JAR, Duration.ofSeconds(60), "--help");
        Outcome reference = javaJar(oldJava, referenceCliJar(), Duration.ofSeconds(60), "--help");

        assertThat(suite.exit()).as("stdout: %s", suite.out()).isEqualTo(2);
        assertThat(suite.err().lines().toList())
                .as("stderr, not an UnsupportedClassVersionError")
                .hasSize(1);
        assertThat(suite.err())
                .startsWith("argo-plugin-conformance needs Java 21 or newer, and this is Java ")
                .contains(oldJava.toString())
                .contains("-jar argo-plugin-conformance.jar");
        assertThat(reference.exit()).as("stdout: %s", reference.out()).isEqualTo(2);
        assertThat(reference.err())
                .startsWith("argo-reference needs Java 21 or newer")
                .contains(referenceCliJar().getFileName().toString());
    }

    /** The reference controller's runnable jar, which the reactor packages before this module. */
    static Path referenceCliJar() throws IOException {
        try (Stream<Path> jars = Files.list(ROOT.resolve("reference-controller/target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith("-cli.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "no reference-controller/target/*-cli.jar: build the reactor (./mvnw verify) first"));
        }
    }

    /** A JDK from 8 to 20, as Debian installs them (its release file names the version). */
    static Optional<Path> olderJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> {
                        try {
                            Matcher version = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)")
                                    .matcher(Files.readString(home.resolve("release")));
                            return version.find() && Integer.parseInt(version.group(1)) < 21;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst();
        }
    }

    @Test
    void aBadFlagOrAnImageThatCannotBeHadIsExitCodeTwo() throws Exception {
        Outcome badFlag = javaJar(Duration.ofSeconds(60), "--profiel=core");
        Outcome noImage = javaJar(
                Duration.ofSeconds(120), "--plugin-image=argo-conformance/no-such-plugin:never", "--profile=quick");

        assertThat(badFlag.exit()).isEqualTo(2);
        assertThat(badFlag.err().strip()).isEqualTo("Unknown option: '--profiel=core': see --help.");
        assertThat(noImage.exit())
                .as("stdout:%n%s%nstderr:%n%s", noImage.out(), noImage.err())
                .isEqualTo(2);
        assertThat(noImage.err())
                .contains("argo-conformance/no-such-plugin:never")
                .contains("could not be pulled");
        assertThat(noImage.out()).contains("verdict: BROKEN-RUN");
    }

    @Test
    void certifiesTheHelloSampleAndWritesTheBundleWhereTheAuthorRanIt() throws Exception {
        Path sample = ROOT.resolve("sample-plugins/hello-executor");
        String image = SampleImages.build(ROOT.resolve("sample-plugins"), sample);

        Outcome run = javaJar(
                Duration.ofMinutes(5),
                "--plugin-image=" + image,
                "--manifest=" + sample.resolve("plugin.yaml"),
                "--examples=" + sample.resolve("examples"),
                "--profile=core");

        assertThat(run.exit())
                .as("exit code; stdout:%n%s%nstderr:%n%s", run.out(), run.err())
                .isZero();
        assertThat(run.out()).contains("[PASSED]  EXEC-AUTH-01").contains("verdict: CERTIFIED-CORE");
        String reportLine = run.out()
                .lines()
                .filter(l -> l.strip().startsWith("report:"))
                .findFirst()
                .orElseThrow();
        Path report =
                work.resolve(reportLine.strip().substring("report:".length()).strip());
        assertThat(report).exists().startsWith(work.resolve("reports"));
        assertThat(work.resolve("reports/latest/report.html")).exists();
        JsonNode results = Json.MAPPER.readTree(Files.readString(work.resolve("reports/latest/results.json")));
        assertThat(results.path("verdict").asText()).isEqualTo("certified-core");
        assertThat(results.path("suite").path("commit").asText())
                .as("the suite's commit, found from the jar, not from where it ran")
                .matches("[0-9a-f]{40}");
        assertThat(ResultsSchema.errors(
                        Files.readString(work.resolve("reports/latest/results.schema.json")),
                        Files.readString(work.resolve("reports/latest/results.json"))))
                .isEmpty();
        assertThat(Json.MAPPER
                        .readTree(Files.readString(work.resolve("reports/latest/badge.json")))
                        .path("message")
                        .asText())
                .startsWith("certified-core · suite ");
    }
}
