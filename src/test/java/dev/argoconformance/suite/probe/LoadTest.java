package dev.argoconformance.suite.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A load's failures are counted by kind: every connection's ephemeral port would make each error its own. */
class LoadTest {

    @Test
    void errorsThatDifferOnlyInTheEphemeralPortAreOneKind() {
        String a = Load.kind("Post \"http://localhost:32850/api/v1/template.execute\": read tcp 127.0.0.1:43624->127.0.0.1:32850: read: connection reset by peer");
        String b = Load.kind("Post \"http://localhost:32850/api/v1/template.execute\": read tcp 127.0.0.1:40056->127.0.0.1:32850: read: connection reset by peer");

        assertThat(a).isEqualTo(b).contains("127.0.0.1:*->127.0.0.1:32850");
    }

    @Test
    void errorsOfOtherKindsStayApart() {
        assertThat(Load.kind("dial tcp 127.0.0.1:32850: connect: connection refused")).isEqualTo("dial tcp 127.0.0.1:32850: connect: connection refused");
    }
}
