package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.config.GeneratorExample;
import dev.argoconformance.suite.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The examples of the run: -Dplugin.examples, else the sample's examples/ folder, else the hello plugin's. */
final class RunExamples {

    private record Executor(List<ExampleTemplate> examples) {}

    private record Generator(List<GeneratorExample> examples) {}

    private RunExamples() {}

    static List<ExampleTemplate> executor(CertificationRun run) {
        return run.getOrCompute(Executor.class, () -> new Executor(load(run.options(), ExampleTemplate::load, ExampleTemplate::defaults))).examples();
    }

    static List<GeneratorExample> generator(CertificationRun run) {
        return run.getOrCompute(Generator.class, () -> new Generator(load(run.options(), GeneratorExample::load, GeneratorExample::defaults))).examples();
    }

    private static <T> List<T> load(RunOptions options, Function<Path, List<T>> fromDir, Supplier<List<T>> defaults) {
        Optional<Path> dir = options.examples().or(() -> options.sample()
                .map(s -> options.samplesDir().resolve(s).resolve("examples"))
                .filter(Files::isDirectory));
        return dir.map(fromDir).orElseGet(defaults);
    }
}
