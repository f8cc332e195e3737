package dev.argoconformance.suite.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.PluginKind;
import dev.argoconformance.suite.launcher.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** badge.json as shields reads it, badge.svg as a browser draws it, and staleness across suite versions. */
class BadgeTest {

    /** The keys shields' endpoint schema accepts (shields.io/badges/endpoint-badge); any other and it refuses the badge. */
    static final Set<String> ENDPOINT_KEYS = Set.of(
            "schemaVersion",
            "label",
            "message",
            "color",
            "labelColor",
            "isError",
            "namedLogo",
            "logoSvg",
            "logoColor",
            "logoSize",
            "style",
            "cacheSeconds");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "CERTIFIED,      certified · suite 0.3,      brightgreen, false",
        "CERTIFIED_CORE, certified-core · suite 0.3, green,       false",
        "FAILED,         failed · suite 0.3,         red,         true",
        "INCOMPLETE,     incomplete · suite 0.3,     lightgrey,   false",
        "BROKEN_RUN,     broken-run · suite 0.3,     lightgrey,   false"
    })
    void eachVerdictHasItsBadge(Verdict verdict, String message, String color, boolean isError) throws Exception {
        Badge badge = Badge.of(verdict, PluginKind.EXECUTOR, "0.3.2-SNAPSHOT");
        JsonNode json = Json.MAPPER.readTree(badge.json());

        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("label").asText()).isEqualTo("argo executor plugin");
        assertThat(json.path("message").asText()).isEqualTo(message);
        assertThat(json.path("color").asText()).isEqualTo(color);
        assertThat(json.path("isError").asBoolean(false)).isEqualTo(isError);
        assertThat(json.fieldNames())
                .toIterable()
                .as("only keys shields accepts")
                .isSubsetOf(ENDPOINT_KEYS);
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void theSvgIsAWellFormedSelfContainedFlatBadge(Verdict verdict) throws Exception {
        Badge badge = Badge.of(verdict, PluginKind.GENERATOR, "1.12.0");
        Path file = Files.writeString(tmp.resolve("badge.svg"), badge.svg(), StandardCharsets.UTF_8);

        Document svg = HelloEvidenceBundleTest.xml(file);
        Element root = svg.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(root.getAttribute("aria-label")).isEqualTo("argo generator plugin: " + badge.message());
        assertThat(root.getAttribute("height")).isEqualTo("20");
        NodeList rects = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        // clip, label half, message half, gradient: the halves add up to the whole width.
        int width = Integer.parseInt(root.getAttribute("width"));
        int label = Integer.parseInt(((Element) rects.item(1)).getAttribute("width"));
        int message = Integer.parseInt(((Element) rects.item(2)).getAttribute("width"));
        assertThat(label + message).isEqualTo(width);
        assertThat(((Element) rects.item(2)).getAttribute("fill")).startsWith("#");
        NodeList texts = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        assertThat(texts.getLength()).isEqualTo(4);
        assertThat(texts.item(3).getTextContent()).isEqualTo(badge.message());
        assertThat(badge.svg())
                .as("nothing to fetch")
                .doesNotContain("href")
                .doesNotContain("http://www.w3.org/1999/xlink")
                .doesNotContainPattern("url\\((?!#)");
    }

    @Test
    void aLongerMessageMakesAWiderBadge() {
        int certified = width(Badge.of(Verdict.CERTIFIED, PluginKind.EXECUTOR, "0.1.0"));
        int core = width(Badge.of(Verdict.CERTIFIED_CORE, PluginKind.EXECUTOR, "0.1.0"));
        assertThat(core).isGreaterThan(certified);
    }

    @ParameterizedTest
    @CsvSource({
        "0.1.0-SNAPSHOT, 0.1.0,          false",
        "0.1.0,          0.1.9,          false",
        "0.1.0,          0.2.0-SNAPSHOT, true",
        "0.9.0,          0.10.0,         true",
        "1.4.0,          2.0.0,          true",
        "2.0.0,          1.9.0,          false"
    })
    void aBadgeIsStaleOnceTheSuitesMajorMinorMovesOn(String madeBy, String current, boolean stale) {
        String json = Badge.of(Verdict.CERTIFIED, PluginKind.EXECUTOR, madeBy).json();
        assertThat(Badge.isStale(json, current)).isEqualTo(stale);
    }

    @Test
    void aBadgeOfABuildWithoutItsVersionNeverReadsAsCurrent() {
        Badge badge = Badge.of(Verdict.CERTIFIED, PluginKind.EXECUTOR, "${project.version}");

        assertThat(badge.message()).isEqualTo("certified · suite unknown");
        assertThat(Badge.isStale(badge.json(), "0.1.0")).isTrue();
        assertThat(badge.stale().message()).isEqualTo("stale · suite unknown");
    }

    @Test
    void aStaleBadgeKeepsTheSuiteVersionItWasMadeWith() throws Exception {
        Badge stale = Badge.of(Verdict.CERTIFIED, PluginKind.EXECUTOR, "0.1.0").stale();
        JsonNode json = Json.MAPPER.readTree(stale.json());

        assertThat(json.path("message").asText()).isEqualTo("stale · suite 0.1");
        assertThat(json.path("color").asText()).isEqualTo("orange");
        assertThat(json.has("isError")).isFalse();
        assertThat(stale.state()).isEqualTo("stale");
    }

    @Test
    void checkBadgeRewritesABadgeOfAnOlderSuiteAsStale() throws Exception {
        Path json = Files.writeString(
                tmp.resolve("badge.json"),
                Badge.of(Verdict.CERTIFIED, PluginKind.EXECUTOR, "0.0.1").json());
        Files.writeString(tmp.resolve("badge.svg"), "old");
        StringWriter out = new StringWriter();

        int exit = Main.run(
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--check-badge=" + json);

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("stale (certified was made by suite 0.0; this is suite " + SuiteVersion.version() + ")");
        assertThat(Json.MAPPER.readTree(Files.readString(json)).path("message").asText())
                .isEqualTo("stale · suite 0.0");
        assertThat(Files.readString(tmp.resolve("badge.svg")))
                .as("the SVG beside it, redrawn")
                .contains("stale · suite 0.0");
    }

    @Test
    void checkBadgeLeavesACurrentBadgeAlone() throws Exception {
        String current = Badge.of(Verdict.CERTIFIED, PluginKind.EXECUTOR, SuiteVersion.version())
                .json();
        Path json = Files.writeString(tmp.resolve("badge.json"), current);
        StringWriter out = new StringWriter();

        int exit = Main.run(
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "--check-badge",
                json.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains(": current (certified · suite " + SuiteVersion.majorMinor());
        assertThat(Files.readString(json)).isEqualTo(current);
        assertThat(tmp.resolve("badge.svg")).doesNotExist();
    }

    @Test
    void checkBadgeRefusesWhatIsNotOurBadgeWithOneSentence() throws Exception {
        Path json = Files.writeString(
                tmp.resolve("badge.json"), "{\"schemaVersion\":1,\"label\":\"build\",\"message\":\"passing\"}");
        StringWriter err = new StringWriter();

        int exit = Main.run(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "--check-badge=" + json);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("is not a badge this suite wrote");
        assertThatThrownBy(() -> Badge.isStale("[]", "0.1.0")).isInstanceOf(IllegalArgumentException.class);
    }

    private static int width(Badge badge) {
        String svg = badge.svg();
        int at = svg.indexOf("width=\"") + 7;
        return Integer.parseInt(svg.substring(at, svg.indexOf('"', at)));
    }
}
