package dev.argoconformance.suite.regression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.client.Redaction;
import dev.argoconformance.reference.protocol.GoDuration;
import dev.argoconformance.reference.protocol.Json;
import io.cucumber.java.en.Then;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the reference controller's clients did, as their {@code CallListener} saw it: one {@link RecordedCall} per
 * attempt, with its number, start, duration and status.
 */
public final class RecordedCallSteps {

    /**
     * A sleep is never shorter than asked, but the thread that wakes from it may be late, and the gap is measured
     * from the evidence's clock; this much lateness is tolerated above a bound, none below.
     */
    static final Duration SCHEDULING_SLACK = Duration.ofMillis(150);

    private final RegressionWorld world;

    public RecordedCallSteps(RegressionWorld world) {
        this.world = world;
    }

    /** Times Argo called: a redirect the client followed is a hop of the same call, not a call of its own. */
    @Then("{plugin} was called {int} time(s)")
    public void wasCalled(String plugin, int times) {
        List<RecordedCall> calls = world.callsTo(plugin);
        long made = 0;
        for (int i = 0; i < calls.size(); i++) {
            boolean followedHop = i + 1 < calls.size()
                    && REDIRECTS.contains(calls.get(i).status())
                    && calls.get(i + 1).attempt() == calls.get(i).attempt();
            if (!followedHop) {
                made++;
            }
        }
        assertThat(made)
                .as("calls to %s; all exchanges:%n%s", plugin, world.callTable())
                .isEqualTo(times);
    }

    private static final java.util.Set<Integer> REDIRECTS = java.util.Set.of(301, 302, 303, 307, 308);

    @Then("{plugin} was not called")
    public void wasNotCalled(String plugin) {
        wasCalled(plugin, 0);
    }

    @Then("the calls to {plugin} went:")
    public void theCallsWent(String plugin, List<Map<String, String>> rows) {
        List<RecordedCall> calls = world.callsTo(plugin);
        List<String> expected = new ArrayList<>();
        for (Map<String, String> row : rows) {
            expected.add("attempt " + row.get("attempt") + ": " + row.get("answer"));
        }
        List<String> actual = new ArrayList<>();
        for (RecordedCall c : calls) {
            actual.add("attempt " + c.attempt() + ": " + answer(c));
        }
        assertThat(actual)
                .as("the calls to %s; all calls:%n%s", plugin, world.callTable())
                .isEqualTo(expected);
    }

    /** A status code; "no response" when none came; a status with ", body cut short" when reading its body failed. */
    private static String answer(RecordedCall c) {
        if (!c.hasResponse()) {
            return "no response";
        }
        return c.error() == null ? String.valueOf(c.status()) : c.status() + ", body cut short";
    }

    /** The sleep before each retry: from the end of the call before to the start of this one (calls count from 1). */
    @Then("the gaps between the calls to {plugin} were:")
    public void theGapsWere(String plugin, List<Map<String, String>> rows) {
        List<RecordedCall> calls = world.callsTo(plugin);
        for (Map<String, String> row : rows) {
            int call = Integer.parseInt(row.get("before call"));
            Duration atLeast = GoDuration.parse(row.get("at least"));
            Duration atMost = GoDuration.parse(row.get("at most"));
            assertThat(calls).as("calls to %s:%n%s", plugin, world.callTable()).hasSizeGreaterThanOrEqualTo(call);
            Duration gap = gapBefore(calls, call - 1);
            assertThat(gap)
                    .as(
                            "the gap before call %d to %s (at most %s plus %d ms of scheduling slack); calls:%n%s",
                            call, plugin, row.get("at most"), SCHEDULING_SLACK.toMillis(), world.callTable())
                    .isBetween(atLeast, atMost.plus(SCHEDULING_SLACK));
        }
    }

    @Then("attempt {int} to {plugin} lasted {goDuration} to {goDuration}")
    public void attemptLasted(int attempt, String plugin, Duration atLeast, Duration atMost) {
        List<RecordedCall> calls = world.callsTo(plugin);
        assertThat(calls).as("calls to %s:%n%s", plugin, world.callTable()).hasSizeGreaterThanOrEqualTo(attempt);
        assertThat(calls.get(attempt - 1).duration())
                .as("how long attempt %d to %s lasted; calls:%n%s", attempt, plugin, world.callTable())
                .isBetween(atLeast, atMost);
    }

    /** A requeue re-enqueues the task captured at first dispatch, so the plugin gets the very same request. */
    @Then("every call to {plugin} sent the same request body")
    public void everyCallSentTheSameBody(String plugin) {
        List<String> bodies = world.callsTo(plugin).stream()
                .map(RecordedCall::requestBody)
                .distinct()
                .toList();
        assertThat(bodies).as("the distinct request bodies sent to %s", plugin).hasSize(1);
    }

    /** {@code <the agent's token>} stands for the token, which evidence holds only masked. */
    @Then("every call to {plugin} carried the header {string}")
    public void everyCallCarriedTheHeader(String plugin, String header) {
        String expected = header.replace("<the agent's token>", Redaction.MASK);
        List<RecordedCall> calls = world.callsTo(plugin);
        assertThat(calls).as("calls to %s", plugin).isNotEmpty();
        for (RecordedCall call : calls) {
            assertThat(call.requestHeaders())
                    .as("the headers of attempt %d to %s", call.attempt(), plugin)
                    .extracting(RecordedCall.Header::toString)
                    .contains(expected);
        }
    }

    @Then("every call to {plugin} sent workflow.metadata with exactly the keys {string}")
    public void everyCallSentTheMetadataKeys(String plugin, String keys) {
        List<RecordedCall> calls = world.callsTo(plugin);
        assertThat(calls).as("calls to %s", plugin).isNotEmpty();
        for (RecordedCall call : calls) {
            List<String> sent = new ArrayList<>();
            Json.read(call.requestBody())
                    .path("workflow")
                    .path("metadata")
                    .fieldNames()
                    .forEachRemaining(sent::add);
            assertThat(String.join(", ", sent))
                    .as("the keys of workflow.metadata in %s", call.requestBody())
                    .isEqualTo(keys);
        }
    }

    @Then("the calls to {plugin} were {goDuration} to {goDuration} apart")
    public void theCallsWereApart(String plugin, Duration atLeast, Duration atMost) {
        List<RecordedCall> calls = world.callsTo(plugin);
        assertThat(calls).as("calls to %s", plugin).hasSizeGreaterThan(1);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(gapBefore(calls, i))
                    .as("the gap before call %d to %s; calls:%n%s", i + 1, plugin, world.callTable())
                    .isBetween(atLeast, atMost);
        }
    }

    @Then("no further call arrives within {goDuration}")
    public void noFurtherCallArrives(Duration bound) {
        int before = world.calls().size();
        boolean called = RegressionWorld.within(bound, () -> world.calls().size() > before);
        assertThat(called)
                .as(
                        "a call arrived within %s although none should; calls:%n%s",
                        GoDuration.format(bound), world.callTable())
                .isFalse();
    }

    @Then("at most {int} calls were in flight at once, and at the peak {int} were")
    public void atMostCallsWereInFlight(int limit, int peak) {
        int most = mostInFlight(world.calls());
        assertThat(most)
                .as("the most calls in flight at once; calls:%n%s", world.callTable())
                .isLessThanOrEqualTo(limit);
        assertThat(most)
                .as("the most calls in flight at once; calls:%n%s", world.callTable())
                .isEqualTo(peak);
    }

    private static Duration gapBefore(List<RecordedCall> calls, int index) {
        RecordedCall previous = calls.get(index - 1);
        Instant previousEnded = previous.startedAt().plus(previous.duration());
        return Duration.between(previousEnded, calls.get(index).startedAt());
    }

    /** Sweeps the calls' intervals: +1 at each start, -1 at each end, ends before starts at the same instant. */
    private static int mostInFlight(List<RecordedCall> calls) {
        List<long[]> events = new ArrayList<>();
        for (RecordedCall c : calls) {
            long start =
                    c.startedAt().toEpochMilli() * 1_000_000 + c.startedAt().getNano() % 1_000_000;
            events.add(new long[] {start, 1});
            events.add(new long[] {start + c.duration().toNanos(), -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] e : events) {
            now += (int) e[1];
            most = Math.max(most, now);
        }
        return most;
    }
}
