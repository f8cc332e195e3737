package dev.argoconformance.reference.generator.gotext;

import java.nio.charset.StandardCharsets;

/**
 * Kubernetes' {@code apiextensionsv1.JSON}: a value of arbitrary JSON kept as raw bytes, which is what a plugin
 * generator's {@code input.parameters} values are in Argo CD ({@code PluginParameters map[string]apiextensionsv1.JSON}).
 *
 * <p>Go sees it as a struct with one byte-slice field, so {@code fmt} prints it as {@code {[34 118 49 34]}} (its
 * {@code String()} has a pointer receiver that {@code fmt} cannot reach through a map value), and text/template can
 * neither index it nor reach into it. {@link #NIL} is a JSON {@code null}: {@code UnmarshalJSON} keeps no bytes for it.
 *
 * @param raw the bytes as UTF-8 text, exactly as the API server served them (compact JSON)
 */
public record RawJson(String raw) {

    /** {@code JSON{Raw: nil}}: what a JSON {@code null} decodes to; it marshals back to {@code null}. */
    public static final RawJson NIL = new RawJson("");

    public RawJson {
        raw = raw == null ? "" : raw;
    }

    /** The Raw field. */
    public byte[] bytes() {
        return raw.getBytes(StandardCharsets.UTF_8);
    }

    /** What {@code MarshalJSON} returns: the raw bytes, or {@code null} when there are none. */
    public String marshal() {
        return raw.isEmpty() ? "null" : raw;
    }
}
