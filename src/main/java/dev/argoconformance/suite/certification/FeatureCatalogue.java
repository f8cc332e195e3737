package dev.argoconformance.suite.certification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every requirement the suite knows, read from the features on its classpath (a folder under Maven,
 * the jar under {@code java -jar}). Used to list what a profile would run and to report what it left out.
 */
public final class FeatureCatalogue {

    public static final String ROOT = "features";

    private FeatureCatalogue() {}

    /** Every scenario of every feature, in file and line order. */
    public static List<FeatureClauses.ScenarioText> scenarios() {
        List<FeatureClauses.ScenarioText> out = new ArrayList<>();
        for (String uri : featureUris()) {
            out.addAll(FeatureClauses.scenarios(uri));
        }
        return out;
    }

    /** The requirements of a plugin kind, as the catalogue states them. */
    public static List<Requirement> requirements(String kind) {
        return scenarios().stream()
                .filter(s -> kind.equals(Requirement.kindIn(s.tags())))
                .map(FeatureCatalogue::requirement)
                .toList();
    }

    public static Requirement requirement(FeatureClauses.ScenarioText s) {
        String id = Requirement.idIn(s.tags());
        return new Requirement(
                id,
                Requirement.levelIn(s.tags()),
                Requirement.kindIn(s.tags()),
                area(id),
                s.title(),
                s.clause(),
                s.uri() + ":" + s.line());
    }

    /** Whether the scenario of requirement {@code id} carries {@code tag} (without '@'). */
    public static boolean tagged(String id, String tag) {
        return scenarios().stream()
                .anyMatch(s -> id.equals(Requirement.idIn(s.tags()))
                        && (s.tags().contains(tag) || s.tags().contains("@" + tag)));
    }

    /** The area is the middle of the ID: EXEC-AUTH-01 is in "auth". */
    public static String area(String id) {
        if (id == null) {
            return "";
        }
        String[] parts = id.split("-");
        return parts.length >= 3 ? parts[1].toLowerCase() : "";
    }

    static List<String> featureUris() {
        URL root = Thread.currentThread().getContextClassLoader().getResource(ROOT);
        if (root == null) {
            throw new IllegalStateException(
                    "no " + ROOT + "/ on the classpath: the suite was built without its features");
        }
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the suite's jar to list its features", e);
                }
                return list(jar.getPath("/" + ROOT));
            }
            return list(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".feature"))
                    .map(p -> "classpath:" + ROOT + "/"
                            + dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
