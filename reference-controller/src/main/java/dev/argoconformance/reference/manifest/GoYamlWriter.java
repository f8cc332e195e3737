package dev.argoconformance.reference.manifest;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON-shaped tree exactly as {@code sigs.k8s.io/yaml.Marshal} does: go-yaml v2's emitter with its
 * defaults (indent 2, lines folded past column 80, sequences inside mappings not indented, keys in go-yaml's
 * "natural" order). This is what puts {@code "false"} in double quotes, {@code '>= v3.3'} in single quotes and a
 * server script in a {@code |} block; the rules below follow go-yaml's emitterc.go state by state, because the
 * ConfigMap of {@code argo executor-plugin build} has to come out byte for byte.
 */
final class GoYamlWriter {

    private static final int BEST_INDENT = 2;
    private static final int BEST_WIDTH = 80;

    private enum Style {
        PLAIN,
        SINGLE_QUOTED,
        DOUBLE_QUOTED,
        LITERAL
    }

    /**
     * What go-yaml's {@code yaml_emitter_analyze_scalar} learns about a scalar. Everything is written in block
     * context (flow level 0), so go-yaml's flow-plain verdict is never consulted and not kept.
     */
    private record Analysis(
            boolean multiline, boolean blockPlainAllowed, boolean singleQuotedAllowed, boolean blockAllowed) {}

    private final StringBuilder out = new StringBuilder();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int indent = -1;
    private int column;
    private boolean whitespace = true;
    private boolean indention = true;
    private boolean mappingContext;
    private boolean simpleKeyContext;

    private GoYamlWriter() {}

    /** One document: maps (any key order; they are sorted here), lists, strings, integers, booleans, nulls. */
    static String marshal(Object tree) {
        GoYamlWriter writer = new GoYamlWriter();
        writer.node(tree, false, false);
        writer.writeIndent();
        return writer.out.toString();
    }

    private void node(Object value, boolean mapping, boolean simpleKey) {
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        switch (value) {
            case Map<?, ?> map -> mapping(map);
            case List<?> list -> sequence(list);
            case null -> scalar("null", Style.PLAIN);
            default -> scalar(scalarText(value), requestedStyle(value));
        }
    }

    private static String scalarText(Object value) {
        return switch (value) {
            case String s -> s;
            case Double d ->
                switch (GoYamlScalars.formatG(d, 64)) {
                    case "+Inf" -> ".inf";
                    case "-Inf" -> "-.inf";
                    case "NaN" -> ".nan";
                    case String s -> s;
                };
            case Long l -> Long.toString(l);
            case Integer i -> Integer.toString(i);
            case BigInteger b -> b.toString();
            case Boolean b -> b.toString();
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        };
    }

    /** go-yaml's {@code stringv}: multi-line text is literal, text that would read back as another type is quoted. */
    private static Style requestedStyle(Object value) {
        if (value instanceof String s) {
            if (s.contains("\n")) {
                return Style.LITERAL;
            }
            return GoYamlScalars.plainIsString(s) ? Style.PLAIN : Style.DOUBLE_QUOTED;
        }
        return Style.PLAIN;
    }

    private void mapping(Map<?, ?> map) {
        if (map.isEmpty()) {
            // The only flow collections go-yaml writes for JSON input are the empty ones.
            writeIndicator("{", true, true, false);
            writeIndicator("}", false, false, false);
            return;
        }
        increaseIndent(false, false);
        List<String> keys = new ArrayList<>();
        map.keySet().forEach(k -> keys.add((String) k));
        keys.sort(GoYamlWriter::compareKeys);
        for (String key : keys) {
            writeIndent();
            Analysis keyAnalysis = analyze(key);
            boolean simple =
                    !keyAnalysis.multiline() && key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 128;
            if (simple) {
                node(key, true, true);
                writeIndicator(":", false, false, false);
            } else {
                writeIndicator("?", true, false, true);
                node(key, true, false);
                writeIndent();
                writeIndicator(":", true, false, true);
            }
            node(map.get(key), true, false);
        }
        popIndent();
    }

    private void sequence(List<?> list) {
        if (list.isEmpty()) {
            writeIndicator("[", true, true, false);
            writeIndicator("]", false, false, false);
            return;
        }
        // A sequence that is a mapping's value sits at the key's indentation ("args:\n- x").
        increaseIndent(false, mappingContext && !indention);
        for (Object item : list) {
            writeIndent();
            writeIndicator("-", true, false, true);
            node(item, false, false);
        }
        popIndent();
    }

    private void scalar(String value, Style requested) {
        Analysis analysis = analyze(value);
        Style style = selectStyle(value, requested, analysis);
        boolean allowBreaks = !simpleKeyContext;
        increaseIndent(true, false);
        switch (style) {
            case PLAIN -> writePlain(value, allowBreaks);
            case SINGLE_QUOTED -> writeSingleQuoted(value, allowBreaks);
            case DOUBLE_QUOTED -> writeDoubleQuoted(value, allowBreaks);
            case LITERAL -> writeLiteral(value);
        }
        popIndent();
    }

    private Style selectStyle(String value, Style requested, Analysis analysis) {
        Style style = requested;
        if (simpleKeyContext && analysis.multiline()) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.PLAIN) {
            if (!analysis.blockPlainAllowed()) {
                style = Style.SINGLE_QUOTED;
            }
            if (value.isEmpty() && simpleKeyContext) {
                style = Style.SINGLE_QUOTED;
            }
        }
        if (style == Style.SINGLE_QUOTED && !analysis.singleQuotedAllowed()) {
            style = Style.DOUBLE_QUOTED;
        }
        if (style == Style.LITERAL && (!analysis.blockAllowed() || simpleKeyContext)) {
            style = Style.DOUBLE_QUOTED;
        }
        return style;
    }

    private static Analysis analyze(String value) {
        if (value.isEmpty()) {
            return new Analysis(false, true, true, false);
        }
        int[] cps = value.codePoints().toArray();
        int n = cps.length;
        boolean blockIndicators = value.startsWith("---") || value.startsWith("...");
        boolean lineBreaks = false;
        boolean specialCharacters = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        boolean precededByWhitespace = true;
        for (int i = 0; i < n; i++) {
            int c = cps[i];
            boolean followedByWhitespace = i + 1 >= n || isBlank(cps[i + 1]);
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                        blockIndicators = true;
                    case '?', ':', '-' -> blockIndicators |= followedByWhitespace;
                    default -> {}
                }
            } else if (c == ':') {
                blockIndicators |= followedByWhitespace;
            } else if (c == '#') {
                blockIndicators |= precededByWhitespace;
            }
            if (!isPrintable(c)) {
                specialCharacters = true;
            }
            if (c == ' ') {
                leadingSpace |= i == 0;
                trailingSpace |= i == n - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i == n - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlank(c) || isBreak(c) || c == 0;
        }
        boolean blockPlain = true;
        boolean singleQuoted = true;
        boolean block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            blockPlain = false;
        }
        if (trailingSpace) {
            block = false;
        }
        if (breakSpace) {
            blockPlain = false;
            singleQuoted = false;
        }
        if (spaceBreak || specialCharacters) {
            blockPlain = false;
            singleQuoted = false;
            block = false;
        }
        if (lineBreaks) {
            blockPlain = false;
        }
        if (blockIndicators) {
            blockPlain = false;
        }
        return new Analysis(lineBreaks, blockPlain, singleQuoted, block);
    }

    private void writePlain(String value, boolean allowBreaks) {
        if (!whitespace) {
            put(' ');
        }
        int[] cps = value.codePoints().toArray();
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                boolean nextIsSpace = i + 1 < cps.length && cps[i + 1] == ' ';
                if (allowBreaks && !spaces && column > BEST_WIDTH && !nextIsSpace) {
                    writeIndent();
                } else {
                    write(c);
                }
                spaces = true;
            } else if (isBreak(c)) {
                if (!breaks && c == '\n') {
                    putBreak();
                }
                writeBreak(c);
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                write(c);
                indention = false;
                spaces = false;
                breaks = false;
            }
        }
        whitespace = false;
        indention = false;
    }

    private void writeSingleQuoted(String value, boolean allowBreaks) {
        writeIndicator("'", true, false, false);
        int[] cps = value.codePoints().toArray();
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == ' ') {
                boolean nextIsSpace = i + 1 < cps.length && cps[i + 1] == ' ';
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < cps.length - 1 && !nextIsSpace) {
                    writeIndent();
                } else {
                    write(c);
                }
                spaces = true;
            } else if (isBreak(c)) {
                if (!breaks && c == '\n') {
                    putBreak();
                }
                writeBreak(c);
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (c == '\'') {
                    put('\'');
                }
                write(c);
                indention = false;
                spaces = false;
                breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeDoubleQuoted(String value, boolean allowBreaks) {
        writeIndicator("\"", true, false, false);
        // go-yaml tests for a byte order mark at the start of the value, not at the character, so one BOM
        // escapes everything after it.
        boolean bom = value.startsWith("\uFEFF");
        int[] cps = value.codePoints().toArray();
        boolean spaces = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (!isPrintable(c) || bom || isBreak(c) || c == '"' || c == '\\') {
                put('\\');
                switch (c) {
                    case 0x00 -> put('0');
                    case 0x07 -> put('a');
                    case 0x08 -> put('b');
                    case 0x09 -> put('t');
                    case 0x0A -> put('n');
                    case 0x0B -> put('v');
                    case 0x0C -> put('f');
                    case 0x0D -> put('r');
                    case 0x1B -> put('e');
                    case 0x22 -> put('"');
                    case 0x5C -> put('\\');
                    case 0x85 -> put('N');
                    case 0xA0 -> put('_');
                    case 0x2028 -> put('L');
                    case 0x2029 -> put('P');
                    default -> {
                        int width;
                        if (c <= 0xFF) {
                            put('x');
                            width = 2;
                        } else if (c <= 0xFFFF) {
                            put('u');
                            width = 4;
                        } else {
                            put('U');
                            width = 8;
                        }
                        String hex = Integer.toHexString(c).toUpperCase();
                        for (int k = hex.length(); k < width; k++) {
                            put('0');
                        }
                        for (char h : hex.toCharArray()) {
                            put(h);
                        }
                    }
                }
                spaces = false;
            } else if (c == ' ') {
                if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
                    writeIndent();
                    if (i + 1 < cps.length && cps[i + 1] == ' ') {
                        put('\\');
                    }
                } else {
                    write(c);
                }
                spaces = true;
            } else {
                write(c);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeLiteral(String value) {
        writeIndicator("|", true, false, false);
        int[] cps = value.codePoints().toArray();
        if (cps.length > 0 && (cps[0] == ' ' || isBreak(cps[0]))) {
            writeIndicator(String.valueOf(BEST_INDENT), false, false, false);
        }
        String chomp = null;
        if (cps.length == 0 || !isBreak(cps[cps.length - 1])) {
            chomp = "-";
        } else if (cps.length == 1 || isBreak(cps[cps.length - 2])) {
            chomp = "+";
        }
        if (chomp != null) {
            writeIndicator(chomp, false, false, false);
        }
        putBreak();
        indention = true;
        whitespace = true;
        boolean breaks = true;
        for (int c : cps) {
            if (isBreak(c)) {
                writeBreak(c);
                indention = true;
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                write(c);
                indention = false;
                breaks = false;
            }
        }
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        indents.push(indent);
        if (indent < 0) {
            indent = flow ? BEST_INDENT : 0;
        } else if (!indentless) {
            indent += BEST_INDENT;
        }
    }

    private void popIndent() {
        indent = indents.pop();
    }

    private void writeIndent() {
        int target = Math.max(indent, 0);
        if (!indention || column > target || (column == target && !whitespace)) {
            putBreak();
        }
        while (column < target) {
            put(' ');
        }
        whitespace = true;
        indention = true;
    }

    private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        indicator.codePoints().forEach(this::write);
        whitespace = isWhitespace;
        indention = indention && isIndention;
    }

    private void put(char c) {
        out.append(c);
        column++;
    }

    private void write(int codePoint) {
        out.appendCodePoint(codePoint);
        column++;
    }

    private void putBreak() {
        out.append('\n');
        column = 0;
    }

    private void writeBreak(int c) {
        if (c == '\n') {
            putBreak();
        } else {
            out.appendCodePoint(c);
            column = 0;
        }
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** go-yaml's is_printable, read per code point: no C0/C1 controls but LF, no DEL, no surrogates, BOM or 4-byte UTF-8. */
    private static boolean isPrintable(int c) {
        return c == 0x0A
                || (c >= 0x20 && c <= 0x7E)
                || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
    }

    /**
     * go-yaml's key order (sorter.go): letters compare as runes, a non-letter sorts before a letter, and runs of
     * digits compare as numbers, so {@code a2 < a10} and {@code _x < ax}.
     */
    static int compareKeys(String a, String b) {
        if (less(a, b)) {
            return -1;
        }
        return less(b, a) ? 1 : 0;
    }

    private static boolean less(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return ar[i] < br[i];
            }
            if (al || bl) {
                return bl;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            while (ai < ar.length && Character.isDigit(ar[ai])) {
                an = an * 10 + (ar[ai] - '0');
                ai++;
            }
            int bi = i;
            while (bi < br.length && Character.isDigit(br[bi])) {
                bn = bn * 10 + (br[bi] - '0');
                bi++;
            }
            if (an != bn) {
                return an < bn;
            }
            if (ai != bi) {
                return ai < bi;
            }
            return ar[i] < br[i];
        }
        return ar.length < br.length;
    }
}
