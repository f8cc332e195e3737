package dev.argoconformance.suite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.suite.certification.FeatureCatalogue;
import dev.argoconformance.suite.certification.Level;
import dev.argoconformance.suite.certification.Requirement;
import dev.argoconformance.suite.certification.SuiteVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line without a plugin: help, the list of what a profile runs, and one sentence and exit 2 for every bad flag or address. */
class LauncherCliTest {

    @TempDir
    Path tmp;

    record Outcome(int exit, String out, String err) {}

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(exit, out.toString(), err.toString());
    }

    @Test
    void helpNamesEveryOptionAndTheExitCodes() {
        Outcome help = cli("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains(
                        "--plugin-image=IMAGE",
                        "--manifest=PLUGIN_YAML",
                        "--profile",
                        "--url",
                        "--token",
                        "--tags=EXPR",
                        "--list",
                        "--check-badge=BADGE_JSON",
                        "--reports=DIR");
        assertThat(help.out())
                .containsPattern("0 +certified or certified-core")
                .containsPattern("1 +a @must requirement failed")
                .containsPattern("2 +the suite could not run")
                .containsPattern("3 +nothing failed, but not every @must was checked");
        assertThat(help.out().lines())
                .as("help fits an 80-column terminal")
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(cli("--version").out()).contains(SuiteVersion.version());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--bogus                                   | Unknown option: '--bogus'",
                "--profile=fast --list                     | Unknown profile 'fast'",
                "--plugin-image=x --token=abc              | --token only goes with --url",
                "--url=ftp://host --token=t                | --url must be an http URL",
                "--profile=core                            | Name the plugin",
                "--list --tags=@must and                   | --tags is not a Cucumber tag expression",
                "--kind=workflow --list                    | Unknown plugin kind 'workflow'",
                "--port=99999 --plugin-image=x             | --port must be a port number",
                "--check-badge=/does/not/exist/badge.json  | Cannot read /does/not/exist/badge.json",
                "--cluster=kind --plugin-image=x           | --cluster is api"
            })
    void aBadFlagIsOneSentenceAndExitCodeTwo(String args, String sentence) {
        String[] argv = args.startsWith("--list --tags=")
                ? new String[] {"--list", args.substring("--list ".length())}
                : args.split(" ");

        Outcome bad = cli(argv);

        assertThat(bad.exit()).as("exit code; stderr: %s", bad.err()).isEqualTo(2);
        assertThat(bad.err().lines().toList()).as("stderr").hasSize(1);
        assertThat(bad.err()).startsWith(sentence).doesNotContain("-Dplugin.").doesNotContain("-Dconformance.");
        assertThat(bad.out()).as("stdout").isEmpty();
    }

    @Test
    void listPrintsEveryMustForTheCoreProfileWithCountsAndRunsNothing() {
        Path reports = tmp.resolve("reports");
        Outcome list = cli("--list", "--profile=core", "--reports=" + reports);

        List<Requirement> all = FeatureCatalogue.requirements("executor");
        long allMusts = all.stream().filter(r -> r.level() == Level.MUST).count();
        // The cluster tier's requirements are selected only when --cluster asks for that tier.
        List<String> musts = all.stream()
                .filter(r -> r.level() == Level.MUST && !r.area().equals("cluster"))
                .map(Requirement::id)
                .toList();
        assertThat(list.exit()).isZero();
        assertThat(ids(list.out())).containsExactlyElementsOf(musts);
        assertThat(list.out())
                .contains(musts.size() + " of " + all.size() + " requirements: " + musts.size() + " of " + allMusts
                        + " must, 0 of " + (all.size() - allMusts) + " should");
        assertThat(reports).as("listing writes no bundle").doesNotExist();
    }

    @Test
    void listAppliesTheTagExpression() {
        Outcome list = cli("--list", "--profile=full", "--tags=@EXEC-AUTH-04 or @EXEC-DECLINE-01");

        assertThat(list.exit()).isZero();
        assertThat(ids(list.out())).containsExactly("EXEC-AUTH-04", "EXEC-DECLINE-01");
        assertThat(list.out())
                .contains("tags @EXEC-AUTH-04 or @EXEC-DECLINE-01")
                .contains("2 of ");
    }

    @Test
    void aUrlWhereNothingListensIsOneSentenceAndExitCodeTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort(); // closed below: a real port that refuses connections
        }

        Outcome run = cli(
                "--url=http://127.0.0.1:" + closedPort,
                "--token=t",
                "--profile=quick",
                "--reports=" + tmp.resolve("reports"));

        assertThat(run.exit()).as("exit code; stdout: %s", run.out()).isEqualTo(2);
        assertThat(run.err().lines().toList())
                .as("stderr")
                .containsExactly("Nothing answers at http://127.0.0.1:" + closedPort
                        + " (Connection refused): start the plugin there, or point --url at where it listens.");
        assertThat(run.out())
                .as("no requirement is judged against a plugin that is not there")
                .doesNotContain("[FAILED]");
    }

    @Test
    void theQuickProfileListsOnlyItsAreas() {
        Outcome list = cli("--list", "--profile=quick");

        assertThat(ids(list.out()))
                .isNotEmpty()
                .allSatisfy(id -> assertThat(id).matches("EXEC-(AUTH|DECLINE|ACCEPT)-\\d\\d"));
    }

    private static List<String> ids(String listing) {
        return listing.lines()
                .map(String::strip)
                .filter(l -> l.matches("[A-Z]+-[A-Z]+-\\d\\d\\s.*"))
                .map(l -> l.split("\\s+")[0])
                .toList();
    }
}
