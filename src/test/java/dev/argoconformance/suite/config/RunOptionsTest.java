package dev.argoconformance.suite.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options a plugin author can give for what the suite cannot know: env values, the token's path, a sample's examples. */
class RunOptionsTest {

    static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    private static RunOptions from(Map<String, String> props) {
        return RunOptions.from(props::get, props.keySet());
    }

    @Test
    void envValuesAreTakenAndMaskedInTheReport() {
        RunOptions options = from(Map.of(
                "plugin.image", "acme/slack:1", "plugin.env.SLACK_WEBHOOK_URL", "https://hooks.example/T0/B0/x"));

        assertThat(options.env()).containsExactly(Map.entry("SLACK_WEBHOOK_URL", "https://hooks.example/T0/B0/x"));
        assertThat(options.redacted()).containsEntry("plugin.env.SLACK_WEBHOOK_URL", "*****");
    }

    @Test
    void anEnvKeyThatIsNoVariableNameIsOneSentence() {
        assertThatThrownBy(() -> from(Map.of("plugin.image", "a", "plugin.env.1-BAD", "x")))
                .isInstanceOf(HarnessException.class)
                .hasMessage("-Dplugin.env.1-BAD does not name an environment variable: use -Dplugin.env.NAME=VALUE.");
    }

    @Test
    void theTokenPathDefaultsToArgosAndMustBeAnAbsoluteFile() {
        assertThat(from(Map.of("plugin.image", "a")).tokenFile()).isEqualTo("/var/run/argo/token");
        assertThat(from(Map.of("plugin.image", "a", "plugin.tokenPath", "/etc/plugin/token"))
                        .tokenFile())
                .isEqualTo("/etc/plugin/token");
        assertThatThrownBy(() -> from(Map.of("plugin.image", "a", "plugin.tokenPath", "token")))
                .isInstanceOf(HarnessException.class)
                .hasMessageStartingWith("-Dplugin.tokenPath is the absolute path of the token file");
    }

    @Test
    void aSampleWithoutItsOwnExamplesUsesTheFolderItsSampleYamlNames() {
        RunOptions options = from(
                Map.of("plugin.sample", "broken/executor/auth-prefix-compare", "conformance.root", ROOT.toString()));

        assertThat(options.examples()).contains(ROOT.resolve("sample-plugins/hello-executor/examples"));
    }

    @Test
    void anImageWithoutExamplesHasNone() {
        assertThat(from(Map.of("plugin.image", "acme/plugin:1")).examples()).isEmpty();
    }
}
