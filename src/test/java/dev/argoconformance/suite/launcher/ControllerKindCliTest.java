package dev.argoconformance.suite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.suite.certification.FeatureCatalogue;
import dev.argoconformance.suite.certification.Level;
import dev.argoconformance.suite.certification.Requirement;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.config.RunOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kind=controller} on the command line, and what the controller kind's features declare. */
class ControllerKindCliTest {

    @TempDir
    Path tmp;

    @Test
    void listsTheControllerRequirementsOfAProfile() {
        LauncherCliTest.Outcome full = LauncherCliTest.cli("--list", "--kind=controller", "--profile=full");
        LauncherCliTest.Outcome quick = LauncherCliTest.cli("--list", "--kind=controller", "--profile=quick");

        List<Requirement> all = FeatureCatalogue.requirements("controller");
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(full.out())
                .startsWith("controller requirements in profile full")
                .contains(all.size() + " of " + all.size() + " requirements");
        assertThat(all).hasSize(22).allSatisfy(r -> assertThat(r.id()).startsWith("CTRL-"));
        assertThat(all.stream().filter(r -> r.level() == Level.MUST)).hasSize(14);
        assertThat(all)
                .allSatisfy(r -> assertThat(r.clause())
                        .as("%s quotes its clause", r.id())
                        .isNotBlank());
        assertThat(quick.out().lines().map(String::strip).filter(l -> l.startsWith("CTRL-")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l).matches("CTRL-(AUTH|DECLINE|ACCEPT)-\\d\\d\\s+must\\s.*"));
    }

    @Test
    void aControllerPluginAtAUrlNeedsNoToken() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, String> props = Map.of(RunOptions.URL, "http://127.0.0.1:" + port, RunOptions.KIND, "controller");

        RunOptions options = RunOptions.from(props::get, props.keySet());
        LauncherCliTest.Outcome cli = LauncherCliTest.cli(
                "--kind=controller", "--url=http://127.0.0.1:" + port, "--reports=" + tmp.resolve("reports"));

        assertThat(options.kind()).isEqualTo(PluginKind.CONTROLLER);
        assertThat(options.token()).isEmpty();
        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err())
                .as("past the token check, to the address")
                .startsWith("Nothing answers at http://127.0.0.1:" + port);
    }
}
