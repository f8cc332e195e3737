package dev.argoconformance.reference.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A node's outputs as a plugin reports them. The controller copies them onto the node wholesale
 * ({@code workflow/controller/taskset.go}); artifacts are kept as sent, never uploaded or checked.
 */
public record Outputs(List<Parameter> parameters, String result, String exitCode, JsonNode artifacts) {

    public static final Outputs NONE = new Outputs(List.of(), null, null, null);

    public Outputs {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return parameters.stream()
                .filter(p -> name.equals(p.name()))
                .map(Parameter::value)
                .findFirst();
    }
}
