package dev.argoconformance.suite.steps;

import dev.argoconformance.suite.certification.CertificationRun;
import dev.argoconformance.suite.config.ExampleTemplate;
import dev.argoconformance.suite.config.GeneratorExample;
import java.util.List;

/**
 * The examples of the run: -Dplugin.examples (or a sample's, see RunOptions), else one contract-only
 * example, keyed by the manifest's name for an executor.
 */
final class RunExamples {

    private record Executor(List<ExampleTemplate> examples) {}

    private record Generator(List<GeneratorExample> examples) {}

    private RunExamples() {}

    static List<ExampleTemplate> executor(CertificationRun run) {
        return run.getOrCompute(
                        Executor.class,
                        () -> new Executor(run.options()
                                .examples()
                                .map(ExampleTemplate::load)
                                .orElseGet(() -> List.of(ExampleTemplate.contractOnly(RunTarget.of(run)
                                        .manifest()
                                        .map(m -> m.name())
                                        .orElse(World.UNNAMED_PLUGIN))))))
                .examples();
    }

    static List<GeneratorExample> generator(CertificationRun run) {
        return run.getOrCompute(
                        Generator.class,
                        () -> new Generator(run.options()
                                .examples()
                                .map(GeneratorExample::load)
                                .orElseGet(() -> List.of(GeneratorExample.contractOnly()))))
                .examples();
    }
}
