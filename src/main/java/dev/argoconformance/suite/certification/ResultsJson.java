package dev.argoconformance.suite.certification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * {@code results.json}: the machine-readable verdict, described by {@code results.schema.json}
 * (published beside the report). Version it: tools read it.
 */
final class ResultsJson {

    /** Bump the major on any change a reader could trip over; results.schema.json's schemaVersion pattern follows. */
    public static final String SCHEMA_VERSION = "1.2";

    /** The schema's name in the jar and in every bundle. */
    public static final String SCHEMA_FILE = "results.schema.json";

    private ResultsJson() {}

    /** The published JSON Schema (draft 2020-12) that every results.json of this suite version validates against. */
    public static String schema() {
        try (InputStream in = ResultsJson.class.getResourceAsStream("/" + SCHEMA_FILE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "no " + SCHEMA_FILE + " on the classpath: the suite was built without its resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(CertificationRun run, RunResult result, RunEnvironment environment) {
        ObjectNode root = Json.object();
        // Editors and validators find the schema beside the file: every bundle carries a copy.
        root.put("$schema", SCHEMA_FILE);
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode suite = root.putObject("suite");
        suite.put("name", "argo-plugin-conformance");
        suite.put("version", SuiteVersion.version());
        suite.put("commit", environment.commit());

        ObjectNode r = root.putObject("run");
        r.put("id", result.runId());
        r.put("startedAt", result.startedAt().toString());
        r.put("endedAt", result.endedAt().toString());
        r.put("profile", run.options().profile().id());
        if (!run.facts().warnings().isEmpty()) {
            run.facts().warnings().forEach(r.putArray("warnings")::add);
        }
        run.options().tags().ifPresent(t -> r.put("tags", t));
        r.put("inputSeed", environment.inputSeed());
        ObjectNode options = r.putObject("options");
        run.options().redacted().forEach(options::put);
        r.put("java", environment.java());
        r.put("docker", environment.docker());

        ObjectNode plugin = root.putObject("plugin");
        plugin.put("kind", run.options().kind().tag());
        plugin.put("target", run.facts().target());
        // A sample's image is built by the suite, so the image the run started is in the facts, not the options.
        run.options()
                .image()
                .or(() -> Optional.of(run.facts().target())
                        .filter(t -> !t.isEmpty() && run.options().url().isEmpty()))
                .ifPresent(i -> plugin.put("image", i));
        run.options().url().ifPresent(u -> plugin.put("url", u.toString()));
        plugin.put("digest", run.facts().imageDigest());
        plugin.put("manifestHash", run.facts().manifestHash());

        root.put("verdict", result.verdict().id());
        root.put("exitCode", result.verdict().exitCode());
        ObjectNode summary = root.putObject("summary");
        for (Level level : Level.values()) {
            ObjectNode counts = summary.putObject(level.tag());
            for (Status status : Status.values()) {
                counts.put(status.id(), result.count(level, status));
            }
        }

        ObjectNode latency = root.putObject("latency");
        run.facts().coldStart().ifPresent(d -> latency.put("coldStartMs", d.toMillis()));
        Histogram h = run.facts().latency();
        latency.put("calls", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            latency.put("p50Ms", h.getValueAtPercentile(50) / 1000.0);
            latency.put("p95Ms", h.getValueAtPercentile(95) / 1000.0);
            latency.put("p99Ms", h.getValueAtPercentile(99) / 1000.0);
            latency.put("maxMs", h.getMaxValue() / 1000.0);
        }

        ArgoCompatibility compatibility = run.facts()
                .compatibility()
                .orElseGet(() -> ArgoCompatibility.of(
                        run.options().kind().tag(),
                        result.verdict(),
                        result.results(),
                        run.facts().reliances()));
        ObjectNode c = root.putObject("compatibility");
        c.put("product", compatibility.product());
        compatibility
                .releases()
                .ifPresentOrElse(rs -> c.put("atLeast", rs.from().toString()), () -> c.putNull("atLeast"));
        ArrayNode alsoFrom = c.putArray("alsoFrom");
        compatibility.releases().ifPresent(rs -> rs.backports().forEach(b -> alsoFrom.add(b.toString())));
        c.put("summary", compatibility.summary());
        ArrayNode reliesOn = c.putArray("reliesOn");
        for (ArgoCompatibility.Seen seen : compatibility.reliances()) {
            reliesOn.addObject()
                    .put("id", seen.reliance().id())
                    .put("behaviour", seen.reliance().behaviour())
                    .put("since", seen.releases().spelled())
                    .put("scenario", seen.reliance().scenario())
                    .put("evidence", seen.evidence());
        }
        compatibility.caveats().forEach(c.putArray("caveats")::add);

        ArrayNode notes = root.putArray("compatibilityNotes");
        run.facts().notes().forEach(n -> {
            ObjectNode note = notes.addObject();
            note.put("id", n.id());
            note.put("summary", n.summary());
            note.put("argoBehaviour", n.argoBehaviour());
            note.put("ourBehaviour", n.ourBehaviour());
            note.put("source", n.source());
        });

        DifferentialSection.of(run).ifPresent(d -> root.set("differential", d.json()));

        ArrayNode requirements = root.putArray("requirements");
        for (RequirementResult rr : result.results()) {
            ObjectNode req = requirements.addObject();
            Requirement q = rr.requirement();
            req.put("id", q.id());
            req.put("level", q.level().tag());
            req.put("kind", q.kind());
            req.put("area", q.area());
            req.put("title", q.title());
            req.put("clause", q.clause());
            req.put("status", rr.status().id());
            req.put("reason", rr.reason());
            req.put("blockedBy", rr.blockedBy());
            req.put("durationMs", rr.duration().toMillis());
            req.put("source", q.source());
            req.put("calls", rr.calls().size());
            ArrayNode reqNotes = req.putArray("notes");
            rr.notes().forEach(reqNotes::add);
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
