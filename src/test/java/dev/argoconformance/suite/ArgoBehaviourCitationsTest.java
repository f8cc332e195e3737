package dev.argoconformance.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code, features and docs cite Argo's behaviour as {@code argo-behaviour.md §W2.3} (Argo Workflows) or {@code §CD1.3}
 * (Argo CD): every cited section is a heading of docs/argo-behaviour.md, so a citation never leads nowhere.
 */
class ArgoBehaviourCitationsTest {

    private static final Pattern SECTION = Pattern.compile("(?<![\\w§])(W|CD)\\d+(?:\\.\\d+)?\\b");
    private static final Pattern CITED = Pattern.compile("§((?:W|CD)\\d+(?:\\.\\d+)?)\\b");
    private static final Path ROOT = Path.of(System.getProperty("conformance.root", ".."))
            .toAbsolutePath()
            .normalize();

    @Test
    void everyCitedSectionIsAHeading() throws IOException {
        Path doc = ROOT.resolve("docs/argo-behaviour.md");
        Set<String> headings = new TreeSet<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("### ")) {
                Matcher m = SECTION.matcher(line);
                while (m.find()) headings.add(m.group());
            }
        }
        assertThat(headings).contains("W1.1", "W10", "CD1.1", "CD9");

        List<String> missing = new ArrayList<>();
        int citations = 0;
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = CITED.matcher(lines.get(i));
                while (m.find()) {
                    citations++;
                    String section = m.group(1);
                    if (headings.stream().noneMatch(h -> h.equals(section) || h.startsWith(section + "."))) {
                        missing.add("§" + section + " at " + ROOT.relativize(file) + ":" + (i + 1));
                    }
                }
            }
        }
        assertThat(citations).as("citations found").isGreaterThan(50);
        assertThat(missing)
                .as("sections cited but not headings of docs/argo-behaviour.md")
                .isEmpty();
    }

    private static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir :
                List.of("src/main", "src/test", "reference-controller/src", "features", "docs", "differential")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
                files.filter(p -> p.toString().matches(".*\\.(java|feature|md)$"))
                        .forEach(out::add);
            }
        }
        return out;
    }
}
