package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The example templates of the run: -Dplugin.examples, else the sample's examples/ folder, else the hello plugin's. */
final class RunExamples {

    private final List<ExampleTemplate> examples;

    private RunExamples(List<ExampleTemplate> examples) {
        this.examples = examples;
    }

    static List<ExampleTemplate> of(CertificationRun run) {
        return run.getOrCompute(RunExamples.class, () -> new RunExamples(load(run.options()))).examples;
    }

    private static List<ExampleTemplate> load(RunOptions options) {
        if (options.examples().isPresent()) {
            return ExampleTemplate.load(options.examples().get());
        }
        if (options.sample().isPresent()) {
            Path own = options.samplesDir().resolve(options.sample().get()).resolve("examples");
            if (Files.isDirectory(own)) {
                return ExampleTemplate.load(own);
            }
        }
        return ExampleTemplate.defaults();
    }
}
