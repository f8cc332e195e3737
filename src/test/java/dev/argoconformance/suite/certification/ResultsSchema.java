package dev.argoconformance.suite.certification;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;

/**
 * results.schema.json through an independent validator (networknt, draft 2020-12), with format
 * assertions on: uuid and date-time are checked, not only annotated.
 */
public final class ResultsSchema {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ResultsSchema() {}

    /** The errors of {@code json} against {@code schema}; empty when it validates. */
    public static List<String> errors(String schema, String json) {
        Schema compiled = REGISTRY.getSchema(schema, InputFormat.JSON);
        return messages(compiled.validate(
                json, InputFormat.JSON, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true))));
    }

    /** The errors of the schema itself against the draft 2020-12 meta-schema (shipped inside the validator). */
    static List<String> metaSchemaErrors(String schema) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return messages(meta.validate(schema, InputFormat.JSON));
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .toList();
    }
}
