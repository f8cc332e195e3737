package dev.argoconformance.reference.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactionTest {

    static final String TOKEN = "q7Zk2mVwX9pLr4TbN8cYs1HdJ6fGa3Ue"; // 32 characters, as Argo's

    @Test
    void masksTheTokenAndEveryRunOfEightOrMoreOfItsCharacters() {
        assertThat(Redaction.redact("Bearer " + TOKEN, TOKEN)).isEqualTo("Bearer *****");
        assertThat(Redaction.redact("Bearer " + TOKEN + "junk", TOKEN)).isEqualTo("Bearer *****junk");
        assertThat(Redaction.redact("x" + TOKEN.substring(0, 8) + "y", TOKEN))
                .as("a prefix of 8")
                .isEqualTo("x*****y");
        assertThat(Redaction.redact("x" + TOKEN.substring(10, 19) + "y", TOKEN))
                .as("a middle part of 9")
                .isEqualTo("x*****y");
        assertThat(Redaction.redact(TOKEN + "," + TOKEN, TOKEN)).isEqualTo("*****,*****");
    }

    @Test
    void keepsShortRunsAndTextWithoutTheToken() {
        String seven = "x" + TOKEN.substring(0, 7) + "y";
        assertThat(Redaction.redact(seven, TOKEN)).isSameAs(seven);
        assertThat(Redaction.redact("{\"node\":{\"phase\":\"Succeeded\"}}", TOKEN))
                .isEqualTo("{\"node\":{\"phase\":\"Succeeded\"}}");
        assertThat(Redaction.redact(null, TOKEN)).isNull();
        assertThat(Redaction.redact("Bearer x", "")).isEqualTo("Bearer x");
    }

    @Test
    void aSecretShorterThanEightIsMaskedWhole() {
        assertThat(Redaction.redact("Bearer abc and ab", "abc")).isEqualTo("Bearer ***** and ab");
    }

    /** The specification, run the slow way: at each position, the longest run of the secret that starts there. */
    static String redactByDefinition(String text, String secret) {
        int minRun = Math.min(Redaction.MIN_RUN, secret.length());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int best = 0;
            for (int j = 0; j < secret.length(); j++) {
                int n = 0;
                while (i + n < text.length() && j + n < secret.length() && text.charAt(i + n) == secret.charAt(j + n)) {
                    n++;
                }
                best = Math.max(best, n);
            }
            if (best >= minRun) {
                out.append(Redaction.MASK);
                i += best;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    @Test
    void agreesWithTheDefinitionOnRandomTextsMadeOfPartsOfTheSecret() {
        Random random = new Random(20261121);
        String[] secrets = {TOKEN, "abc", "aaaaaaaaaaaa", "abababababab", TOKEN.substring(0, 8)};
        for (int round = 0; round < 20_000; round++) {
            String secret = secrets[round % secrets.length];
            StringBuilder text = new StringBuilder();
            while (text.length() < 60) {
                if (random.nextBoolean()) {
                    int from = random.nextInt(secret.length());
                    text.append(secret, from, Math.min(secret.length(), from + 1 + random.nextInt(12)));
                } else {
                    text.append((char) ('a' + random.nextInt(4))).append(TOKEN.charAt(random.nextInt(TOKEN.length())));
                }
            }
            assertThat(Redaction.redact(text.toString(), secret))
                    .as("text %s, secret %s", text, secret)
                    .isEqualTo(redactByDefinition(text.toString(), secret));
        }
    }
}
