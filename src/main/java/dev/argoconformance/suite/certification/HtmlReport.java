package dev.argoconformance.suite.certification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.protocol.Json;
import dev.argoconformance.suite.config.PluginKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code report.html}: the run for a person, in one file that opens anywhere (no script, no
 * stylesheet or font to fetch, readable on a phone). The summary is drawn from results.json, so the
 * two can never disagree; the requirements add what results.json only counts: the quoted clause, the
 * reason, and for failures every exchange with a curl line that replays it. Every piece of text goes
 * through {@link #esc}: plugin replies are hostile input too.
 */
final class HtmlReport {

    public static final String FILE = "report.html";

    /** Exchanges shown per requirement; a load check makes hundreds, the first ones tell the story. */
    static final int MAX_CALLS_SHOWN = 12;

    /** The bundle's other files, linked from the summary (relative links into the same folder). */
    private static final Map<String, String> BUNDLE_FILES = linked(
            "results.json",
            "every requirement's result, for machines",
            ResultsJson.SCHEMA_FILE,
            "the JSON Schema results.json follows",
            "junit.xml",
            "for CI test dashboards",
            "cucumber.html",
            "Cucumber's own report of every scenario and step",
            "cucumber.ndjson",
            "Cucumber messages, tags included",
            Badge.JSON_FILE,
            "the badge for img.shields.io/endpoint",
            Badge.SVG_FILE,
            "the badge as a plain image");

    private HtmlReport() {}

    /** The report of a finished run; {@code resultsJson} is the run's results.json, as written. */
    public static String render(String resultsJson, RunResult result) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(resultsJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("results.json does not parse: " + e.getOriginalMessage(), e);
        }
        StringBuilder b = new StringBuilder(64 * 1024);
        String verdict = json.path("verdict").asText();
        String target = json.path("plugin").path("target").asText();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(verdict.toUpperCase()))
                .append(" · ")
                .append(esc(target.isEmpty() ? "plugin" : target))
                .append(" · Argo plugin conformance</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(b, json, result);
        summary(b, json);
        requirements(b, result);
        b.append("<footer><p>Argo plugin conformance ")
                .append(esc(json.path("suite").path("version").asText()))
                .append(" · run ")
                .append(esc(json.path("run").path("id").asText()))
                .append(
                        ". Tokens are masked as <code>*****</code> in every exchange; a replay line reads the token from <code>${ARGO_TOKEN}</code>.</p></footer>\n");
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, JsonNode json, RunResult result) {
        String verdict = json.path("verdict").asText();
        JsonNode plugin = json.path("plugin");
        Badge badge = Badge.of(
                result.verdict(),
                PluginKind.parse(plugin.path("kind").asText("executor")),
                json.path("suite").path("version").asText());
        b.append("<header class=\"verdict v-")
                .append(esc(verdict))
                .append("\">\n")
                .append("<p class=\"kicker\">Argo ")
                .append(esc(plugin.path("kind").asText()))
                .append(" plugin ")
                .append(code(plugin.path("target").asText("?")))
                .append("</p>\n")
                .append("<h1>Verdict: <span id=\"verdict\">")
                .append(esc(verdict.toUpperCase()))
                .append("</span></h1>\n")
                .append("<p class=\"why\">")
                .append(esc(explain(result)))
                .append("</p>\n");
        List<RequirementResult> first = result.results().stream()
                .filter(r -> r.status() == Status.FAILED || r.status() == Status.ERROR || r.blocked())
                .toList();
        if (!first.isEmpty()) {
            // What decided a bad verdict, one tap away: a long report should not hide its failures.
            b.append("<ul class=\"first\">\n");
            first.forEach(r -> b.append("<li><a href=\"#r-")
                    .append(esc(r.requirement().id()))
                    .append("\">")
                    .append(esc(r.requirement().id()))
                    .append("</a> ")
                    .append(esc(r.blocked() ? "blocked" : r.status().id()))
                    .append(": ")
                    .append(esc(r.requirement().title()))
                    .append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("<p class=\"exit\">Exit code ")
                .append(json.path("exitCode").asInt())
                .append(" · badge: </p>")
                .append("<div class=\"badge\">")
                .append(badge.svg())
                .append("</div>\n")
                .append("</header>\n");
    }

    /** One or two sentences on why the verdict is what it is, naming the requirements that decided it. */
    static String explain(RunResult result) {
        List<RequirementResult> all = result.results();
        return switch (result.verdict()) {
            case CERTIFIED -> "Every @must and @should requirement passed, and the run left none out.";
            case CERTIFIED_CORE -> {
                List<String> shouldsFailed = ids(
                        all,
                        r -> r.requirement().level() == Level.SHOULD && (r.status() == Status.FAILED || r.blocked()));
                long leftOut = result.leftOut().size();
                yield "Every @must requirement passed."
                        + (shouldsFailed.isEmpty() ? "" : " @should not met: " + String.join(", ", shouldsFailed) + ".")
                        + (leftOut == 0
                                ? ""
                                : " " + leftOut
                                        + " requirements were left out by the profile or tags; only a full run can be certified.");
            }
            case FAILED -> {
                List<String> failed =
                        ids(all, r -> r.requirement().level() == Level.MUST && r.status() == Status.FAILED);
                List<String> blocked = ids(all, r -> r.requirement().level() == Level.MUST && r.blocked());
                yield "@must requirements failed: " + String.join(", ", failed) + "."
                        + (blocked.isEmpty()
                                ? ""
                                : " Blocked by them (nobody saw these pass): " + String.join(", ", blocked) + ".");
            }
            case INCOMPLETE -> {
                List<String> disabled = ids(all, r -> r.status() == Status.DISABLED);
                long leftOut = all.stream()
                        .filter(r -> r.requirement().level() == Level.MUST
                                && result.leftOut().contains(r.requirement().id()))
                        .count();
                yield "Nothing failed, but not every @must was checked, so nothing can be certified:"
                        + (disabled.isEmpty()
                                ? ""
                                : " disabled in this environment: " + String.join(", ", disabled) + ";")
                        + (leftOut == 0 ? "" : " " + leftOut + " @must requirements left out by the profile or tags;")
                        + " certify the image with the core or full profile.";
            }
            case BROKEN_RUN ->
                "The suite could not run, so this says nothing about the plugin: "
                        + all.stream()
                                .filter(r -> r.status() == Status.ERROR)
                                .map(r -> r.requirement().id() + ": " + firstLine(r.reason()))
                                .collect(Collectors.joining("; "));
        };
    }

    private static void summary(StringBuilder b, JsonNode json) {
        b.append("<section class=\"summary\">\n<h2>Summary</h2>\n");
        b.append("<div class=\"scroll\"><table class=\"counts\">\n<thead><tr><th>level</th>");
        for (Status s : Status.values()) {
            b.append("<th class=\"st-")
                    .append(s.id())
                    .append("\">")
                    .append(s.id())
                    .append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Level level : Level.values()) {
            JsonNode counts = json.path("summary").path(level.tag());
            b.append("<tr><th>@").append(level.tag()).append("</th>");
            for (Status s : Status.values()) {
                long n = counts.path(s.id()).asLong();
                b.append("<td")
                        .append(n > 0 ? " class=\"st-" + s.id() + "\"" : "")
                        .append(">")
                        .append(n)
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table></div>\n");

        JsonNode latency = json.path("latency");
        b.append("<h3>Latency profile</h3>\n<dl class=\"facts latency\">\n");
        fact(
                b,
                "cold start",
                latency.has("coldStartMs")
                        ? millis(latency.get("coldStartMs").asDouble())
                        : "not measured: the suite did not start this plugin");
        fact(b, "calls measured", latency.path("calls").asText("0") + " of Argo's own calls");
        for (String p : List.of("p50", "p95", "p99", "max")) {
            fact(b, p, latency.has(p + "Ms") ? millis(latency.get(p + "Ms").asDouble()) : "no calls");
        }
        b.append("</dl>\n");

        JsonNode plugin = json.path("plugin");
        JsonNode run = json.path("run");
        JsonNode suite = json.path("suite");
        b.append("<h3>Run</h3>\n<dl class=\"facts\">\n");
        if (plugin.has("image")) {
            factCode(b, "image", plugin.get("image").asText());
        }
        if (plugin.has("url")) {
            factCode(b, "url", plugin.get("url").asText());
        }
        factCode(b, "digest", orNone(plugin.path("digest").asText(), "none: not an image the suite started"));
        factCode(b, "manifest sha256", orNone(plugin.path("manifestHash").asText(), "none: no plugin.yaml"));
        fact(
                b,
                "profile",
                run.path("profile").asText()
                        + (run.has("tags") ? ", tags " + run.get("tags").asText() : ""));
        fact(
                b,
                "suite",
                suite.path("version").asText() + " at commit "
                        + suite.path("commit").asText());
        factCode(b, "run", run.path("id").asText());
        fact(b, "started", run.path("startedAt").asText());
        fact(
                b,
                "ended",
                run.path("endedAt").asText() + " ("
                        + between(
                                run.path("startedAt").asText(),
                                run.path("endedAt").asText()) + ")");
        fact(b, "java", run.path("java").asText());
        fact(b, "docker", run.path("docker").asText());
        factCode(b, "input seed", run.path("inputSeed").asText());
        StringBuilder options = new StringBuilder();
        run.path("options")
                .properties()
                .forEach(e -> options.append(e.getKey())
                        .append('=')
                        .append(e.getValue().asText())
                        .append('\n'));
        factCode(b, "options", options.toString().strip());
        for (JsonNode warning : run.path("warnings")) {
            fact(b, "warning", warning.asText());
        }
        b.append("</dl>\n");

        JsonNode compatibility = json.path("compatibility");
        if (compatibility.isObject()) {
            b.append("<h3>Argo versions</h3>\n<p class=\"compatibility\">")
                    .append(esc(compatibility.path("summary").asText()))
                    .append(" (the rule: docs/decisions/0008-argo-version-compatibility.md)</p>\n");
            if (!compatibility.path("reliesOn").isEmpty()
                    || !compatibility.path("caveats").isEmpty()) {
                b.append("<ul class=\"notes\">\n");
                for (JsonNode r : compatibility.path("reliesOn")) {
                    b.append("<li><b>since ")
                            .append(esc(r.path("since").asText()))
                            .append("</b>: ")
                            .append(esc(r.path("behaviour").asText()))
                            .append(" (")
                            .append(esc(r.path("scenario").asText()))
                            .append("); seen: ")
                            .append(esc(r.path("evidence").asText()))
                            .append("</li>\n");
                }
                for (JsonNode caveat : compatibility.path("caveats")) {
                    b.append("<li>").append(esc(caveat.asText())).append("</li>\n");
                }
                b.append("</ul>\n");
            }
        }

        JsonNode notes = json.path("compatibilityNotes");
        if (!notes.isEmpty()) {
            b.append("<h3>Compatibility notes</h3>\n<ul class=\"notes\">\n");
            for (JsonNode n : notes) {
                b.append("<li><b>")
                        .append(esc(n.path("id").asText()))
                        .append("</b>: ")
                        .append(esc(n.path("summary").asText()))
                        .append(" Argo: ")
                        .append(esc(n.path("argoBehaviour").asText()))
                        .append(" This run: ")
                        .append(esc(n.path("ourBehaviour").asText()))
                        .append(" (")
                        .append(esc(n.path("source").asText()))
                        .append(")</li>\n");
            }
            b.append("</ul>\n");
        }

        differential(b, json.path("differential"));

        b.append("<h3>In this bundle</h3>\n<ul class=\"files\">\n");
        BUNDLE_FILES.forEach((file, what) -> b.append("<li><a href=\"")
                .append(esc(file))
                .append("\">")
                .append(esc(file))
                .append("</a>: ")
                .append(esc(what))
                .append("</li>\n"));
        b.append("</ul>\n</section>\n");
    }

    /**
     * The differential tier's section: a compatibility table, not a verdict. Each difference reads
     * "Argo's own code did X, the reference did Y"; one without a known note is the reference's to fix.
     */
    private static void differential(StringBuilder b, JsonNode d) {
        if (d.isMissingNode()) {
            return;
        }
        String status = d.path("status").asText();
        b.append("<h3>Argo's own code</h3>\n<p>Every example also ran through ")
                .append(esc(d.path("argo").asText()))
                .append("'s own code and the reference controller. ")
                .append(esc(
                        switch (status) {
                            case "agrees" -> "They agree on every example.";
                            case "known-differences" ->
                                "They differ only where the reference follows the seeds or a newer Argo on purpose (notes below).";
                            case "differs" ->
                                "They differ: the reference controller's behaviour is not Argo's here. This does not change the verdict"
                                        + " (the seeds decide it); please report it.";
                            default ->
                                "The tier did not run: " + d.path("reason").asText();
                        }))
                .append("</p>\n");
        if (!d.path("differences").isEmpty()) {
            b.append("<ul class=\"notes\">\n");
            for (JsonNode r : d.path("differences")) {
                b.append("<li><b>")
                        .append(esc(r.path("example").asText()))
                        .append("</b>, ")
                        .append(esc(r.path("field").asText()))
                        .append(": Argo's own code did ")
                        .append(esc(r.path("argo").asText()))
                        .append(", the reference did ")
                        .append(esc(r.path("reference").asText()))
                        .append(
                                r.path("knownNote").isTextual()
                                        ? " (known: " + esc(r.path("knownNote").asText()) + ")"
                                        : " (not a known difference)")
                        .append("</li>\n");
            }
            b.append("</ul>\n");
        }
        if (!d.path("examples").isEmpty()) {
            b.append("<details><summary>Each example on both sides</summary>\n<ul class=\"notes\">\n");
            for (JsonNode e : d.path("examples")) {
                b.append("<li><b>")
                        .append(esc(e.path("name").asText()))
                        .append("</b>: Argo: ")
                        .append(esc(e.path("argo").asText()))
                        .append("; reference: ")
                        .append(esc(e.path("reference").asText()))
                        .append("</li>\n");
            }
            b.append("</ul>\n</details>\n");
        }
    }

    private static void requirements(StringBuilder b, RunResult result) {
        Map<String, List<RequirementResult>> groups = groups(result.results());
        Map<String, String> names = groupNames();
        b.append("<nav class=\"areas\">\n<h2>Requirements</h2>\n<ul>\n");
        groups.forEach((group, rs) -> {
            b.append("<li><a href=\"#g-")
                    .append(esc(group))
                    .append("\">")
                    .append(esc(names.getOrDefault(group, group)))
                    .append("</a> <small>")
                    .append(esc(group))
                    .append("</small> ");
            Map<Status, Long> counts = rs.stream()
                    .collect(Collectors.groupingBy(
                            RequirementResult::status, LinkedHashMap::new, Collectors.counting()));
            counts.forEach((s, n) -> b.append("<span class=\"pill st-")
                    .append(s.id())
                    .append("\">")
                    .append(n)
                    .append(' ')
                    .append(s.id())
                    .append("</span> "));
            b.append("</li>\n");
        });
        b.append("</ul>\n</nav>\n<main>\n");
        groups.forEach((group, rs) -> {
            b.append("<section class=\"group\" id=\"g-")
                    .append(esc(group))
                    .append("\">\n<h2>")
                    .append(esc(names.getOrDefault(group, group)))
                    .append(" <small>")
                    .append(esc(group))
                    .append("</small></h2>\n");
            rs.forEach(r -> requirement(b, r));
            b.append("</section>\n");
        });
        b.append("</main>\n");
    }

    private static void requirement(StringBuilder b, RequirementResult r) {
        Requirement q = r.requirement();
        Status status = r.status();
        String shown = r.blocked() ? "blocked" : status.id();
        b.append("<article class=\"req st-")
                .append(status.id())
                .append(r.blocked() ? " blocked" : "")
                .append("\" id=\"r-")
                .append(esc(q.id()))
                .append("\">\n<h3><span class=\"st\">")
                .append(esc(shown.toUpperCase()))
                .append("</span> <span class=\"id\">")
                .append(esc(q.id()))
                .append("</span> <span class=\"lvl\">@")
                .append(esc(q.level().tag()))
                .append("</span> <span class=\"title\">")
                .append(esc(q.title()))
                .append("</span></h3>\n");
        if (!q.clause().isEmpty()) {
            b.append("<blockquote class=\"clause\">").append(esc(q.clause())).append("</blockquote>\n");
        }
        if (r.blocked()) {
            // NotChecked.blocked writes "blocked by <cause>: <why>"; the cause becomes a link instead.
            String prefix = "blocked by " + r.blockedBy() + ": ";
            String why = r.reason().startsWith(prefix) ? r.reason().substring(prefix.length()) : r.reason();
            b.append("<p class=\"reason\">Blocked by <a href=\"#r-")
                    .append(esc(r.blockedBy()))
                    .append("\">")
                    .append(esc(r.blockedBy()))
                    .append("</a>: ")
                    .append(esc(why))
                    .append("</p>\n");
        } else if (status == Status.FAILED || status == Status.ERROR) {
            b.append("<pre class=\"reason\">").append(esc(r.reason())).append("</pre>\n");
        } else if (!r.reason().isEmpty()) {
            b.append("<p class=\"reason\">")
                    .append(esc(status == Status.DISABLED ? "Disabled: " : "Skipped: "))
                    .append(esc(r.reason()))
                    .append("</p>\n");
        }
        if (!r.notes().isEmpty()) {
            b.append("<ul class=\"notes\">\n");
            r.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        b.append("<p class=\"meta\">")
                .append(esc(q.source()))
                .append(" · ")
                .append(r.duration().toMillis())
                .append(" ms · ")
                .append(r.calls().size())
                .append(r.calls().size() == 1 ? " exchange" : " exchanges")
                .append("</p>\n");
        if (!r.calls().isEmpty()) {
            // A failure's exchanges are the evidence, shown open; a pass keeps them one tap away.
            boolean open = status == Status.FAILED || status == Status.ERROR;
            b.append("<details class=\"calls\"")
                    .append(open ? " open" : "")
                    .append("><summary>")
                    .append(open ? "Exchanges: what the plugin was sent and answered" : "Exchanges")
                    .append("</summary>\n");
            List<RecordedCall> calls = r.calls();
            for (int i = 0; i < Math.min(calls.size(), MAX_CALLS_SHOWN); i++) {
                RecordedCall call = calls.get(i);
                b.append("<div class=\"call\"><p class=\"call-head\">#")
                        .append(i + 1)
                        .append(" · ")
                        .append(esc(call.plugin()))
                        .append(" · attempt ")
                        .append(call.attempt())
                        .append(" · ")
                        .append(millis(call.duration().toNanos() / 1e6))
                        .append("</p>\n<pre class=\"transcript\">")
                        .append(esc(call.transcript()))
                        .append("</pre>\n")
                        .append(
                                "<p class=\"replay-head\">Replay (with <code>ARGO_TOKEN</code> set to the plugin's token):</p>\n")
                        .append("<pre class=\"replay\">")
                        .append(esc(call.curl()))
                        .append("</pre></div>\n");
            }
            if (calls.size() > MAX_CALLS_SHOWN) {
                b.append("<p class=\"more\">")
                        .append(calls.size() - MAX_CALLS_SHOWN)
                        .append(" more exchanges are not shown.</p>\n");
            }
            b.append("</details>\n");
        }
        b.append("</article>\n");
    }

    /** Requirements by the ID's prefix (EXEC-AUTH), groups and members in the catalogue's order; the harness's first. */
    private static Map<String, List<RequirementResult>> groups(List<RequirementResult> results) {
        Map<String, Integer> order = new HashMap<>();
        List<FeatureClauses.ScenarioText> scenarios = FeatureCatalogue.scenarios();
        for (int i = 0; i < scenarios.size(); i++) {
            String id = Requirement.idIn(scenarios.get(i).tags());
            if (id != null) {
                order.putIfAbsent(id, i);
            }
        }
        List<RequirementResult> sorted = new ArrayList<>(results);
        sorted.sort(
                Comparator.comparingInt(r -> order.getOrDefault(r.requirement().id(), -1)));
        Map<String, List<RequirementResult>> groups = new LinkedHashMap<>();
        sorted.forEach(r -> groups.computeIfAbsent(group(r.requirement().id()), g -> new ArrayList<>())
                .add(r));
        return groups;
    }

    /** The feature that states each group: "Executor plugin authentication" for EXEC-AUTH. */
    private static Map<String, String> groupNames() {
        Map<String, String> names = new HashMap<>();
        for (FeatureClauses.ScenarioText s : FeatureCatalogue.scenarios()) {
            String id = Requirement.idIn(s.tags());
            if (id != null) {
                names.putIfAbsent(group(id), s.featureName());
            }
        }
        names.put("HARNESS-RUN", "The suite itself");
        return names;
    }

    private static String group(String id) {
        int last = id.lastIndexOf('-');
        return last > 0 ? id.substring(0, last) : id;
    }

    private static List<String> ids(
            List<RequirementResult> results, java.util.function.Predicate<RequirementResult> which) {
        return results.stream().filter(which).map(r -> r.requirement().id()).toList();
    }

    private static void fact(StringBuilder b, String name, String value) {
        b.append("<dt>")
                .append(esc(name))
                .append("</dt><dd>")
                .append(esc(value))
                .append("</dd>\n");
    }

    private static void factCode(StringBuilder b, String name, String value) {
        b.append("<dt>")
                .append(esc(name))
                .append("</dt><dd>")
                .append(code(value))
                .append("</dd>\n");
    }

    private static String code(String value) {
        return "<code>" + esc(value) + "</code>";
    }

    private static String orNone(String value, String none) {
        return value == null || value.isEmpty() ? none : value;
    }

    private static String millis(double ms) {
        return ms >= 1000
                ? String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000)
                : String.format(java.util.Locale.ROOT, "%.1f ms", ms);
    }

    private static String between(String start, String end) {
        try {
            Duration d = Duration.between(Instant.parse(start), Instant.parse(end));
            return millis(d.toNanos() / 1e6);
        } catch (RuntimeException e) {
            return "duration unknown";
        }
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    /** HTML-escapes text for element content and quoted attributes alike. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters from a hostile reply would make the file invalid; show them, do not pass them.
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** The whole look, inline: system fonts, one column that wraps long lines instead of scrolling sideways on a phone. */
    private static final String CSS = """
            :root { --pass: #1a7f37; --fail: #cf222e; --skip: #6e7781; --disabled: #8250df; --error: #bc4c00; --line: #d0d7de; --soft: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0 auto; max-width: 60rem; padding: 0 1rem 2rem; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
            h1 { font-size: 1.6rem; margin: .2rem 0; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.05rem; } small { color: var(--skip); font-weight: normal; }
            code, pre { font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
            code { overflow-wrap: anywhere; }
            .verdict { margin: 1rem 0; padding: 1rem; border-radius: 8px; color: #fff; }
            .verdict code, .verdict a { color: inherit; } .first { margin: .3rem 0; padding-left: 1.2rem; }
            .v-certified { background: var(--pass); } .v-certified-core { background: #4d8b31; } .v-failed { background: var(--fail); }
            .v-incomplete, .v-broken-run { background: #57606a; }
            .kicker, .why, .exit { margin: .2rem 0; } .exit { display: inline-block; } .badge { display: inline-block; vertical-align: middle; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; } th, td { padding: .3rem .6rem; border: 1px solid var(--line); text-align: right; } th:first-child { text-align: left; }
            .facts { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .2rem 1rem; margin: 0; }
            .facts dt { font-weight: 600; } .facts dd { margin: 0; min-width: 0; white-space: pre-wrap; }
            .areas ul { padding-left: 1.2rem; } .pill { font-size: .8rem; padding: 0 .4rem; border-radius: 1rem; border: 1px solid currentColor; }
            .req { border: 1px solid var(--line); border-left: 6px solid var(--skip); border-radius: 6px; padding: .4rem .8rem; margin: .8rem 0; }
            .req h3 { margin: .3rem 0; } .req .st { font-size: .8rem; padding: .1rem .4rem; border-radius: 4px; color: #fff; background: var(--skip); }
            .req .id { font-family: ui-monospace, monospace; } .req .lvl { color: var(--skip); font-weight: normal; } .req .title { display: block; font-weight: 600; }
            .st-passed { color: var(--pass); } .st-failed { color: var(--fail); } .st-skipped { color: var(--skip); } .st-disabled { color: var(--disabled); } .st-error { color: var(--error); }
            .req.st-passed, .req.st-failed, .req.st-skipped, .req.st-disabled, .req.st-error { color: inherit; }
            .req.st-passed { border-left-color: var(--pass); } .req.st-passed .st { background: var(--pass); }
            .req.st-failed { border-left-color: var(--fail); } .req.st-failed .st { background: var(--fail); }
            .req.st-disabled { border-left-color: var(--disabled); } .req.st-disabled .st { background: var(--disabled); }
            .req.st-error { border-left-color: var(--error); } .req.st-error .st { background: var(--error); }
            .req.blocked { border-left-color: var(--error); } .req.blocked .st { background: var(--error); }
            .clause { margin: .4rem 0; padding: .2rem .8rem; border-left: 3px solid var(--line); color: #444c56; white-space: pre-wrap; }
            pre.reason { border-color: var(--fail); } .meta { color: var(--skip); font-size: .85rem; margin: .3rem 0; overflow-wrap: anywhere; }
            details.calls summary { cursor: pointer; font-weight: 600; } .call-head, .replay-head { margin: .4rem 0 .1rem; font-size: .85rem; }
            footer { margin-top: 2rem; color: var(--skip); font-size: .85rem; }
            @media (max-width: 36rem) {
              body { padding: 0 .6rem 2rem; } .counts { width: 100%; } th, td { padding: .2rem .25rem; font-size: .78rem; }
              .facts:not(.latency) { grid-template-columns: 1fr; } .facts:not(.latency) dd { margin-bottom: .4rem; }
            }
            """;
}
