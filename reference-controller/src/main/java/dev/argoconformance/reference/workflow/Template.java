package dev.argoconformance.reference.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A template of {@code spec.templates}, reduced to what the runner needs. {@code raw} is the template as written;
 * a plugin node sends it, processed, to the plugins. {@code unsupportedType} names the type of a template the runner
 * cannot run (a {@code container}, say); such a template is an error only when the entrypoint reaches it.
 */
record Template(
        String name,
        Kind kind,
        String unsupportedType,
        ObjectNode raw,
        List<InputParameter> inputs,
        List<OutputParameter> outputs,
        List<List<Step>> steps,
        Dag dag) {

    enum Kind {
        PLUGIN,
        STEPS,
        DAG,
        UNSUPPORTED
    }

    /** {@code inputs.parameters[]}: an argument wins over {@code value}, which wins over {@code default}. */
    record InputParameter(String name, String value, String defaultValue) {}

    /** {@code outputs.parameters[]} of a steps or dag template: a fixed value or {@code valueFrom.parameter}. */
    record OutputParameter(String name, String value, String fromParameter, String defaultValue) {}

    /** {@code arguments.parameters[]} of a step or task. */
    record Argument(String name, String value) {}

    record ContinueOn(boolean failed, boolean error) {
        static final ContinueOn NEVER = new ContinueOn(false, false);
    }

    record Step(String name, String template, List<Argument> arguments, ContinueOn continueOn) {}

    /**
     * One term of a task's dependencies. {@code succeededOnly} for {@code depends: "a.Succeeded"}; {@code viaDependencies}
     * when it came from {@code dependencies: [a]}, the only form for which Argo lets the dependency's
     * {@code continueOn} count a failure as done.
     */
    record Dependency(String task, boolean succeededOnly, boolean viaDependencies) {}

    record DagTask(
            String name,
            String template,
            List<Argument> arguments,
            List<Dependency> dependencies,
            ContinueOn continueOn) {}

    /** The tasks in an order where every task comes after its dependencies. */
    record Dag(List<DagTask> tasks, boolean failFast) {}
}
