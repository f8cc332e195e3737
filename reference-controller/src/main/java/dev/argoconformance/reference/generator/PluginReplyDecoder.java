package dev.argoconformance.reference.generator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.argoconformance.reference.generator.gotext.GoValues;
import dev.argoconformance.reference.protocol.GoJson;
import dev.argoconformance.reference.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A 2xx reply body decoded the way Argo CD's {@code Client.Do} does: {@code json.NewDecoder(body).Decode(&data)} into
 * {@code ServiceResponse{Output{Parameters []map[string]any}}} ({@code applicationset/services/plugin/plugin_service.go},
 * {@code applicationset/services/internal/http/client.go}).
 *
 * <ul>
 *   <li>Only the first JSON value is read; bytes after it are ignored. An empty or whitespace-only body is
 *       {@code io.EOF}, which Argo forgives: zero sets.
 *   <li>Struct fields match keys case-insensitively; a repeated key is decoded again into the same field (a second
 *       {@code parameters} array even decodes into the maps of the first, as Go's reflection does).
 *   <li>{@code null} leaves a struct alone and sets a slice or map to nil. Numbers become float64.
 *   <li>A value of the wrong JSON kind is a type error; Go keeps decoding and returns the first one.
 * </ul>
 */
final class PluginReplyDecoder {

    private PluginReplyDecoder() {}

    /** The decoded parameter sets (null is Go's nil slice; an element may be null, a nil map) and their shape. */
    record Decoded(List<Map<String, Object>> parameters, ReplyShape shape, String detail) {
        int count() {
            return parameters == null ? 0 : parameters.size();
        }
    }

    /** A decode error, with Go's text; Argo appends {@code ": " + body}. */
    static final class DecodeFailure extends Exception {
        DecodeFailure(String goMessage) {
            super(goMessage);
        }
    }

    static Decoded decode(byte[] body) throws DecodeFailure {
        String text = new String(body, StandardCharsets.UTF_8);
        if (isGoBlank(text)) {
            return new Decoded(null, ReplyShape.SILENT_EMPTY, "the body is empty");
        }
        try {
            GoJson.readFirstValue(
                    body); // Go scans the whole first value before it unmarshals: syntax errors come first
        } catch (GoJson.DecodeException e) {
            throw new DecodeFailure(e.getMessage());
        }
        State state = new State();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                return new Decoded(null, ReplyShape.SILENT_EMPTY, "the body is JSON null");
            } else if (first == JsonToken.START_OBJECT) {
                state.response(parser);
            } else {
                state.typeError(
                        "json: cannot unmarshal " + kind(first) + " into Go value of type plugin.ServiceResponse");
            }
        } catch (IOException e) {
            throw new DecodeFailure(String.valueOf(e.getMessage())); // cannot happen: the syntax was checked above
        }
        if (state.firstError != null) {
            throw new DecodeFailure(state.firstError);
        }
        return state.result();
    }

    /** Go's JSON whitespace: space, tab, CR, LF only. */
    private static boolean isGoBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            case VALUE_NULL -> "null";
            default -> "number";
        };
    }

    private static final class State {
        List<Map<String, Object>> parameters; // nil until decoded
        boolean sawOutputKey;
        boolean sawOutputObject;
        boolean sawParametersKey;
        boolean sawTopLevelParameters;
        String firstError;

        void typeError(String message) {
            if (firstError == null) {
                firstError = message;
            }
        }

        void response(JsonParser p) throws IOException {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equalsIgnoreCase("output")) {
                    sawOutputKey = true;
                    output(p, value);
                } else {
                    sawTopLevelParameters |= name.equalsIgnoreCase("parameters");
                    p.skipChildren();
                }
            }
        }

        void output(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return; // null into a struct: no-op
            }
            if (value != JsonToken.START_OBJECT) {
                typeError("json: cannot unmarshal " + kind(value)
                        + " into Go struct field ServiceResponse.output of type plugin.Output");
                p.skipChildren();
                return;
            }
            sawOutputObject = true;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken fieldValue = p.nextToken();
                if (name.equalsIgnoreCase("parameters")) {
                    sawParametersKey = true;
                    parameters(p, fieldValue);
                } else {
                    p.skipChildren();
                }
            }
        }

        void parameters(JsonParser p, JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                parameters = null;
                return;
            }
            if (value != JsonToken.START_ARRAY) {
                typeError("json: cannot unmarshal " + kind(value)
                        + " into Go struct field Output.output.parameters of type []map[string]interface {}");
                p.skipChildren();
                return;
            }
            List<Map<String, Object>> list = parameters == null ? new ArrayList<>() : parameters;
            int i = 0;
            JsonToken element;
            while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
                if (i >= list.size()) {
                    list.add(null);
                }
                if (element == JsonToken.START_OBJECT) {
                    JsonNode node = Json.MAPPER.readTree(p);
                    Map<String, Object> target = list.get(i) == null ? new LinkedHashMap<>() : list.get(i);
                    for (Map.Entry<String, JsonNode> e : node.properties()) {
                        try {
                            target.put(e.getKey(), GoValues.fromJson(e.getValue()));
                        } catch (NumberFormatException tooBig) {
                            typeError("json: cannot unmarshal " + tooBig.getMessage()
                                    + " into Go struct field Output.output.parameters of type float64");
                        }
                    }
                    list.set(i, target);
                } else if (element == JsonToken.VALUE_NULL) {
                    list.set(i, null);
                } else {
                    typeError("json: cannot unmarshal " + kind(element)
                            + " into Go struct field Output.output.parameters of type map[string]interface {}");
                    p.skipChildren();
                }
                i++;
            }
            parameters = new ArrayList<>(list.subList(0, i)); // i == 0: an empty, non-nil slice
        }

        Decoded result() {
            if (parameters != null) {
                return parameters.isEmpty()
                        ? new Decoded(parameters, ReplyShape.EMPTY_LIST, "")
                        : new Decoded(parameters, ReplyShape.PARAMETER_SETS, "");
            }
            String why;
            if (sawParametersKey) {
                why = "\"output.parameters\" is null";
            } else if (sawOutputObject) {
                why = "\"output\" has no \"parameters\" key";
            } else if (sawOutputKey) {
                why = "\"output\" is null";
            } else if (sawTopLevelParameters) {
                why = "\"parameters\" sits at the top level, outside \"output\"";
            } else {
                why = "the reply has no \"output\" key";
            }
            return new Decoded(null, ReplyShape.SILENT_EMPTY, why);
        }
    }
}
