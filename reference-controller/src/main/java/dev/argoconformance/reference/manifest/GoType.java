package dev.argoconformance.reference.manifest;

import java.util.List;

/**
 * The shape of a Go type as {@code encoding/json} sees it: enough to decode strictly the way
 * {@code sigs.k8s.io/yaml.UnmarshalStrict} does and to marshal back with Go's {@code omitempty} rules.
 * {@link #goName()} is the type as Go prints it in {@code UnmarshalTypeError} messages.
 */
sealed interface GoType {

    String goName();

    /** {@code string} and named string types such as {@code v1.PullPolicy}. */
    record Str(String goName) implements GoType {}

    /** {@code int32} / {@code int64}. */
    record Int(String goName, int bits) implements GoType {}

    record Bool(String goName) implements GoType {}

    /** {@code resource.Quantity}: its own {@code UnmarshalJSON}, so parse errors abort the decode. */
    record Quantity(String goName) implements GoType {}

    /** {@code intstr.IntOrString}. */
    record IntOrString(String goName) implements GoType {}

    /** {@code metav1.Time}: RFC 3339 text or null. */
    record Time(String goName) implements GoType {}

    /** {@code metav1.FieldsV1}: any JSON, kept raw. */
    record Raw(String goName) implements GoType {}

    record Pointer(GoType elem) implements GoType {
        @Override
        public String goName() {
            return "*" + elem.goName();
        }
    }

    record Slice(GoType elem) implements GoType {
        @Override
        public String goName() {
            return "[]" + elem.goName();
        }
    }

    /** Maps keyed by strings (or named string types); {@code goName} may be a named map type. */
    record GoMap(String goName, GoType elem) implements GoType {}

    /**
     * A struct. {@code fields} is filled after construction because the k8s types refer to each other.
     * {@code name} is the bare type name Go puts before the field path in type errors.
     */
    final class Struct implements GoType {
        private final String goName;
        private List<Field> fields = List.of();

        Struct(String goName) {
            this.goName = goName;
        }

        @Override
        public String goName() {
            return goName;
        }

        String name() {
            return goName.substring(goName.indexOf('.') + 1);
        }

        List<Field> fields() {
            return fields;
        }

        void fields(List<Field> fields) {
            this.fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            return goName;
        }
    }

    /**
     * One struct field. {@code inline} fields are embedded structs whose fields are promoted;
     * {@code alwaysEmitted} fields have no {@code omitempty}; {@code omitZero} marks {@code omitzero}.
     */
    record Field(String jsonName, GoType type, boolean alwaysEmitted, boolean inline, boolean omitZero) {}
}
