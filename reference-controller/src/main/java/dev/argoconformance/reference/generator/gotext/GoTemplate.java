package dev.argoconformance.reference.generator.gotext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subset of Go's {@code text/template}, enough to render what plugin generators are used with: field chains
 * ({@code {{.a}}}, {@code {{.a.b}}}, {@code {{ .a }}}), {@code {{.}}}, {@code {{$}}} and {@code {{$.a}}}, the
 * {@code index} builtin with string and integer literal or field arguments, comments and trim markers, and the
 * {@code missingkey} option ({@code default}/{@code invalid}: a missing key prints {@code <no value>}, {@code zero},
 * {@code error}).
 *
 * <p>Why a subset: Argo CD runs the real {@code text/template} with all of sprig. Re-implementing both would be a
 * project of its own and could only be checked against Go. What the subset does, it does exactly as Go does,
 * including the error texts ({@code template: base:1:2: executing "base" at <.x>: map has no entry for key "x"}),
 * the positions in them, JSON {@code null} printing as {@code <no value>}, and the typed values Argo puts in a
 * parameter set ({@code v1.JSON} prints as struct bytes and cannot be indexed). Everything else (pipes,
 * parentheses, variables other than {@code $}, {@code if}/{@code range}/{@code with}, any other function) is
 * refused with an {@link UnsupportedTemplateException} instead of guessed. A few parse errors that are certain in
 * Go are reported as Go reports them: {@code unclosed action}, {@code missing value for command},
 * {@code bad character U+002D '-'} (the usual {@code {{.my-key}}} mistake) and undefined variables.
 */
final class GoTemplate {

    /** The {@code missingkey} option. */
    enum MissingKey {
        INVALID,
        ZERO,
        ERROR
    }

    static final String NAME = "base"; // Argo clones a template named "base" (applicationset/utils/utils.go)

    private static final String INTERFACE = "interface {}";
    private static final String ROOT = "map[string]interface {}";
    private static final Set<String> KEYWORDS = Set.of(
            "if",
            "else",
            "end",
            "range",
            "with",
            "define",
            "template",
            "block",
            "break",
            "continue",
            "nil",
            "true",
            "false");

    private final String text;
    private final Render.Quirks quirks;
    private List<Object> nodes;

    private GoTemplate(String text, Render.Quirks quirks) {
        this.text = text;
        this.quirks = quirks;
    }

    /** Parses like {@code template.Parse}; a failure is Go's parse error ({@code template: base:1: ...}). */
    static GoTemplate parse(String template, Render.Quirks quirks) throws TemplateException {
        GoTemplate t = new GoTemplate(template, quirks);
        t.nodes = t.parse();
        return t;
    }

    /** Executes like {@code Template.Execute}; a failure is Go's exec error ({@code template: base:1:2: executing ...}). */
    String execute(Map<String, Object> data, MissingKey missingKey) throws TemplateException {
        StringBuilder out = new StringBuilder();
        for (Object node : nodes) {
            if (node instanceof String s) {
                out.append(s);
            } else {
                out.append(print(evalCommand((Command) node, data, missingKey)));
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- parsing

    private sealed interface Arg permits Field, Variable, Dot, Literal, Ident {
        int pos();

        String source();
    }

    /** {@code .a.b}: Go gives the node the position of the second field when there is a chain. */
    private record Field(List<String> names, int pos) implements Arg {
        public String source() {
            return "." + String.join(".", names);
        }
    }

    /** {@code $} or {@code $.a.b}. */
    private record Variable(List<String> names, int pos) implements Arg {
        public String source() {
            return names.isEmpty() ? "$" : "$." + String.join(".", names);
        }
    }

    private record Dot(int pos) implements Arg {
        public String source() {
            return ".";
        }
    }

    private record Literal(Object value, String source, int pos) implements Arg {}

    private record Ident(String name, int pos) implements Arg {
        public String source() {
            return name;
        }
    }

    private record Command(List<Arg> args, int pos) {
        String source() {
            return String.join(" ", args.stream().map(Arg::source).toList());
        }
    }

    /** Text segments (String) and commands, in order. */
    private List<Object> parse() throws TemplateException {
        List<Object> nodes = new ArrayList<>();
        int at = 0;
        boolean trimNextText = false;
        while (at <= text.length()) {
            int open = text.indexOf("{{", at);
            String segment = open < 0 ? text.substring(at) : text.substring(at, open);
            if (trimNextText) {
                segment = trimLeft(segment);
            }
            if (open < 0) {
                addText(nodes, segment);
                break;
            }
            int p = open + 2;
            boolean trimLeft = text.startsWith("-", p) && p + 1 < text.length() && isSpace(text.charAt(p + 1));
            if (trimLeft) {
                segment = trimRight(segment);
                p += 2;
            }
            addText(nodes, segment);
            if (text.startsWith("/*", p)) {
                int close = text.indexOf("*/", p + 2);
                if (close < 0) {
                    throw parseError(open, "unclosed comment");
                }
                Delim delim = rightDelim(close + 2);
                if (delim == null) {
                    throw parseError(open, "comment ends before closing delimiter");
                }
                trimNextText = delim.trims;
                at = delim.end;
                continue;
            }
            ActionScan scan = scanAction(p, open);
            if (scan.args.isEmpty()) {
                throw parseError(open, "missing value for command");
            }
            nodes.add(new Command(scan.args, scan.args.get(0).pos()));
            trimNextText = scan.delim.trims;
            at = scan.delim.end;
        }
        return nodes;
    }

    private static void addText(List<Object> nodes, String segment) {
        if (!segment.isEmpty()) {
            nodes.add(segment);
        }
    }

    private record Delim(int end, boolean trims) {}

    private record ActionScan(List<Arg> args, Delim delim) {}

    /** At {@code p}: {@code }}} or {@code  -}}} (a space, the marker, the delimiter)? */
    private Delim rightDelim(int p) {
        if (p + 1 < text.length()
                && isSpace(text.charAt(p))
                && text.charAt(p + 1) == '-'
                && text.startsWith("}}", p + 2)) {
            return new Delim(p + 4, true);
        }
        if (text.startsWith("}}", p)) {
            return new Delim(p + 2, false);
        }
        return null;
    }

    private ActionScan scanAction(int p, int open) throws TemplateException {
        List<Arg> args = new ArrayList<>();
        while (true) {
            if (p >= text.length()) {
                throw parseError(open, "unclosed action");
            }
            Delim delim = rightDelim(p);
            if (delim != null) {
                return new ActionScan(args, delim);
            }
            char c = text.charAt(p);
            if (isSpace(c)) {
                p++;
            } else if (c == '.' && p + 1 < text.length() && Character.isDigit(text.charAt(p + 1))) {
                throw new UnsupportedTemplateException(
                        text, "the number starting " + text.substring(p, Math.min(text.length(), p + 4)));
            } else if (c == '.' && p + 1 < text.length() && isAlphaNumeric(text.charAt(p + 1))) {
                int end = scanAlphaNumeric(p + 1);
                String first = text.substring(p + 1, end);
                requireTerminator(end);
                Chain rest = fields(end);
                List<String> names = new ArrayList<>(List.of(first));
                names.addAll(rest.names());
                args.add(new Field(names, rest.names().isEmpty() ? p : rest.firstPos()));
                p = rest.end();
            } else if (c == '.') {
                requireTerminator(p + 1);
                args.add(new Dot(p));
                p++;
            } else if (c == '$') {
                int end = scanAlphaNumeric(p + 1);
                if (end > p + 1) {
                    String rest = text.substring(end).stripLeading();
                    if (rest.startsWith(":=") || rest.startsWith("=")) {
                        throw new UnsupportedTemplateException(text, "variable declarations");
                    }
                    throw parseError(p, "undefined variable " + GoValues.quote(text.substring(p, end)));
                }
                requireTerminator(end);
                Chain rest = fields(end);
                args.add(new Variable(rest.names(), rest.names().isEmpty() ? p : rest.firstPos()));
                p = rest.end();
            } else if (c == '"' || c == '`') {
                int end = c == '"' ? scanQuoted(p) : scanRaw(p);
                String source = text.substring(p, end);
                args.add(new Literal(c == '"' ? unquote(source) : source.substring(1, source.length() - 1), source, p));
                p = end;
            } else if (Character.isDigit(c)
                    || ((c == '-' || c == '+') && p + 1 < text.length() && Character.isDigit(text.charAt(p + 1)))) {
                int end = p + 1;
                while (end < text.length()
                        && (Character.isLetterOrDigit(text.charAt(end))
                                || text.charAt(end) == '.'
                                || text.charAt(end) == '_')) {
                    end++;
                }
                String number = text.substring(p, end);
                if (!number.matches("[-+]?(0|[1-9][0-9]{0,17})")) {
                    throw new UnsupportedTemplateException(text, "the number " + number);
                }
                args.add(new Literal(Long.parseLong(number), number, p));
                p = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = scanAlphaNumeric(p);
                String name = text.substring(p, end);
                requireTerminator(end);
                if (KEYWORDS.contains(name)) {
                    throw new UnsupportedTemplateException(text, "the keyword " + GoValues.quote(name));
                }
                if (!name.equals("index")) {
                    throw new UnsupportedTemplateException(text, "the function " + GoValues.quote(name));
                }
                args.add(new Ident(name, p));
                p = end;
            } else if ("()|=:,".indexOf(c) >= 0) {
                throw new UnsupportedTemplateException(
                        text, "the character '" + c + "' (pipelines, parentheses, variables)");
            } else if (c == '\'') {
                throw new UnsupportedTemplateException(text, "character constants");
            } else {
                throw new UnsupportedTemplateException(
                        text, "the character " + describe(text.codePointAt(p)) + " in an action");
            }
        }
    }

    /** Fields after a term: {@code .b.c}, and where the first of them starts (the chain's position in Go). */
    private record Chain(List<String> names, int end, int firstPos) {}

    private Chain fields(int p) throws TemplateException {
        List<String> names = new ArrayList<>();
        int firstPos = p;
        while (p + 1 < text.length() && text.charAt(p) == '.' && isAlphaNumeric(text.charAt(p + 1))) {
            int end = scanAlphaNumeric(p + 1);
            names.add(text.substring(p + 1, end));
            p = end;
            requireTerminator(p);
        }
        return new Chain(names, p, firstPos);
    }

    private void requireTerminator(int p) throws TemplateException {
        if (p >= text.length()) {
            return; // EOF is a terminator; the missing delimiter is reported as "unclosed action"
        }
        char c = text.charAt(p);
        if (isSpace(c) || ".,|:)(".indexOf(c) >= 0 || text.startsWith("}}", p)) {
            return;
        }
        throw parseError(p, "bad character " + describe(text.codePointAt(p)));
    }

    private int scanAlphaNumeric(int p) {
        while (p < text.length() && isAlphaNumeric(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private int scanQuoted(int p) throws TemplateException {
        int i = p + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i += 2;
                continue;
            }
            if (c == '\n') {
                break;
            }
            if (c == '"') {
                return i + 1;
            }
            i++;
        }
        throw parseError(p, "unterminated quoted string");
    }

    private int scanRaw(int p) throws TemplateException {
        int close = text.indexOf('`', p + 1);
        if (close < 0) {
            throw parseError(p, "unterminated raw quoted string");
        }
        return close + 1;
    }

    /** Go's interpreted string literal escapes. */
    private String unquote(String quoted) throws TemplateException {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = quoted.charAt(++i);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    int end = i + 1 + digits;
                    if (end > quoted.length() - 1) {
                        throw new UnsupportedTemplateException(text, "the string escape in " + quoted);
                    }
                    out.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> throw new UnsupportedTemplateException(text, "the string escape \\" + e);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlphaNumeric(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static String trimLeft(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    private static String trimRight(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }

    /** {@code %#U}: {@code U+002D '-'}. */
    private static String describe(int cp) {
        return String.format("U+%04X '%s'", cp, new String(Character.toChars(cp)));
    }

    private TemplateException parseError(int pos, String message) {
        return new TemplateException("template: " + NAME + ":" + line(pos) + ": " + message);
    }

    // ---------------------------------------------------------------- execution

    /** A reflect.Value: the value, the static type it was read through, and whether it is valid at all. */
    private record V(Object value, String type, boolean valid) {
        static final V INVALID = new V(null, null, false);

        boolean isInterface() {
            return INTERFACE.equals(type);
        }
    }

    private V evalCommand(Command command, Map<String, Object> data, MissingKey missingKey) throws TemplateException {
        List<Arg> args = command.args();
        if (args.get(0) instanceof Ident index) {
            if (args.size() < 2) {
                throw execError(index.pos(), index.source(), "wrong number of args for index: want at least 1 got 0");
            }
            List<V> values = new ArrayList<>();
            for (Arg arg : args.subList(1, args.size())) {
                if (arg instanceof Ident nested) {
                    throw new UnsupportedTemplateException(text, "a nested call of " + nested.name());
                }
                values.add(evalArg(arg, data, missingKey));
            }
            return index(values, command);
        }
        if (args.size() > 1) {
            throw new UnsupportedTemplateException(
                    text, "arguments after " + args.get(0).source());
        }
        return evalArg(args.get(0), data, missingKey);
    }

    private V evalArg(Arg arg, Map<String, Object> data, MissingKey missingKey) throws TemplateException {
        V root = new V(data, ROOT, true);
        return switch (arg) {
            case Dot d -> root;
            case Literal l -> new V(l.value(), GoValues.typeName(l.value()), true);
            case Field f -> chain(root, f.names(), f, missingKey);
            case Variable v -> chain(root, v.names(), v, missingKey);
            case Ident i -> throw new UnsupportedTemplateException(text, "the function " + i.name());
        };
    }

    private V chain(V receiver, List<String> names, Arg node, MissingKey missingKey) throws TemplateException {
        V current = receiver;
        for (String name : names) {
            current = field(current, name, node, missingKey);
        }
        return current;
    }

    /** {@code evalField} of text/template/exec.go, for maps and the one struct Argo puts in parameters. */
    private V field(V receiver, String name, Arg node, MissingKey missingKey) throws TemplateException {
        if (!receiver.valid()) {
            if (missingKey == MissingKey.ERROR) {
                throw execError(node, "nil data; no entry for key " + GoValues.quote(name));
            }
            return V.INVALID;
        }
        String type = receiver.type();
        Object value = receiver.value();
        if (receiver.isInterface() && value == null) {
            throw execError(node, "nil pointer evaluating " + type + "." + name);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.containsKey(name)) {
                return new V(map.get(name), INTERFACE, true);
            }
            return missing(name, node, missingKey, new V(null, INTERFACE, true));
        }
        if (value instanceof TypedMap typed) {
            if (typed.entries().containsKey(name)) {
                return new V(typed.entries().get(name), typed.kind().elementType(), true);
            }
            return missing(
                    name,
                    node,
                    missingKey,
                    new V(typed.kind().zeroElement(), typed.kind().elementType(), true));
        }
        if (value instanceof RawJson json && name.equals("Raw")) {
            quirks.opaqueInputParameter();
            return new V(json.bytes(), "[]uint8", true);
        }
        if (value instanceof RawJson) {
            quirks.opaqueInputParameter();
        }
        throw execError(node, "can't evaluate field " + name + " in type " + type);
    }

    private V missing(String name, Arg node, MissingKey missingKey, V zero) throws TemplateException {
        return switch (missingKey) {
            case INVALID -> V.INVALID;
            case ZERO -> zero;
            case ERROR -> throw execError(node, "map has no entry for key " + GoValues.quote(name));
        };
    }

    /** The {@code index} builtin of text/template/funcs.go. */
    private V index(List<V> args, Command command) throws TemplateException {
        V item = args.get(0);
        if (!item.valid() || item.value() == null && item.isInterface()) {
            throw callError(command, "index of untyped nil");
        }
        Object current = item.value();
        String currentType = item.isInterface() ? GoValues.typeName(current) : item.type();
        boolean fromInterface = false;
        for (V index : args.subList(1, args.size())) {
            Object key = index.valid() && !(index.isInterface() && index.value() == null) ? index.value() : null;
            boolean keyValid = key != null;
            if (fromInterface && current == null) {
                throw callError(command, "index of nil pointer");
            }
            if (current instanceof RawJson) {
                quirks.opaqueInputParameter();
            }
            switch (current) {
                case List<?> list -> {
                    int x = indexArg(key, keyValid, list.size(), command);
                    if (x == list.size()) {
                        throw callError(command, "reflect: slice index out of range");
                    }
                    current = list.get(x);
                    fromInterface = true;
                    currentType = INTERFACE;
                }
                case String s -> {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    int x = indexArg(key, keyValid, bytes.length, command);
                    if (x == bytes.length) {
                        throw callError(command, "reflect: string index out of range");
                    }
                    current = new GoValues.Uint8(bytes[x] & 0xff);
                    fromInterface = false;
                    currentType = "uint8";
                }
                case byte[] bytes -> {
                    int x = indexArg(key, keyValid, bytes.length, command);
                    if (x == bytes.length) {
                        throw callError(command, "reflect: slice index out of range");
                    }
                    current = new GoValues.Uint8(bytes[x] & 0xff);
                    fromInterface = false;
                    currentType = "uint8";
                }
                case Map<?, ?> map -> {
                    String k = mapKey(key, keyValid, command);
                    current = map.get(k);
                    fromInterface = true;
                    currentType = INTERFACE;
                }
                case TypedMap typed -> {
                    String k = mapKey(key, keyValid, command);
                    current = typed.entries().containsKey(k)
                            ? typed.entries().get(k)
                            : typed.kind().zeroElement();
                    fromInterface = false;
                    currentType = typed.kind().elementType();
                }
                case null -> throw callError(command, "index of nil pointer");
                default -> throw callError(command, "can't index item of type " + GoValues.typeName(current));
            }
        }
        return new V(current, fromInterface ? INTERFACE : currentType, true);
    }

    private int indexArg(Object key, boolean valid, int size, Command command) throws TemplateException {
        if (!valid) {
            throw callError(command, "cannot index slice/array with nil");
        }
        long x;
        if (key instanceof Long l) {
            x = l;
        } else if (key instanceof GoValues.Uint8 u) {
            x = u.value();
        } else {
            throw callError(command, "cannot index slice/array with type " + GoValues.typeName(key));
        }
        if (x < 0 || x > size) {
            throw callError(command, "index out of range: " + x);
        }
        return (int) x;
    }

    private String mapKey(Object key, boolean valid, Command command) throws TemplateException {
        if (!valid) {
            throw callError(command, "value is nil; should be of type string");
        }
        if (key instanceof String s) {
            return s;
        }
        throw callError(command, "value has type " + GoValues.typeName(key) + "; should be string");
    }

    /** What {@code printValue} writes after {@code evalPipeline} has unwrapped an empty interface. */
    private String print(V v) {
        if (!v.valid() || v.isInterface() && v.value() == null) {
            return "<no value>";
        }
        if (v.value() instanceof RawJson
                || v.value() instanceof TypedMap t
                        && t.kind() == TypedMap.Kind.PLUGIN_PARAMETERS
                        && !t.entries().isEmpty()) {
            quirks.opaqueInputParameter();
        }
        return GoValues.print(v.value());
    }

    private TemplateException callError(Command command, String message) {
        return execError(command.pos(), command.source(), "error calling index: " + message);
    }

    private TemplateException execError(Arg node, String message) {
        return execError(node.pos(), node.source(), message);
    }

    /** {@code template: base:1:2: executing "base" at <.x>: ...}, the context cut at 20 bytes as Go does. */
    private TemplateException execError(int pos, String context, String message) {
        if (context.getBytes(StandardCharsets.UTF_8).length > 20) {
            context = context.substring(
                            0, context.offsetByCodePoints(0, Math.min(20, context.codePointCount(0, context.length()))))
                    + "...";
        }
        return new TemplateException("template: " + NAME + ":" + line(pos) + ":" + column(pos) + ": executing \"" + NAME
                + "\" at <" + context + ">: " + message);
    }

    private int line(int pos) {
        int line = 1;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Go's ErrorContext: the byte offset on the first line, else the offset from the start of the line. */
    private int column(int pos) {
        int lastNewline = text.lastIndexOf('\n', pos - 1);
        String prefix = lastNewline < 0 ? text.substring(0, pos) : text.substring(lastNewline + 1, pos);
        return prefix.getBytes(StandardCharsets.UTF_8).length;
    }
}
