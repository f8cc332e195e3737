package dev.argoconformance.reference.generator.gotext;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argo CD's default (non-goTemplate) rendering: {@code valyala/fasttemplate} with {@code {{} and {@code }}} as
 * delimiters, as {@code Render.Replace} drives it ({@code applicationset/utils/utils.go}).
 *
 * <ul>
 *   <li>Nothing happens unless the string matches {@code .*{{.*}}.*}: a {@code {{} and a later {@code }}} with no
 *       newline between them (Go's {@code .} stops only at {@code \n}).
 *   <li>A tag is the text between a {@code {{} and the next {@code }}}; it is whitespace-trimmed and replaced only when
 *       the parameter of that exact key is a string. Anything else (unknown key, nested map, empty tag) is written
 *       back verbatim, spaces and all.
 *   <li>A {@code {{} without a later {@code }}} makes fasttemplate's parse fail, which Argo reports as
 *       {@code invalid template: Cannot find end tag=...}.
 * </ul>
 */
final class FastTemplate {

    private static final Pattern TEMPLATED = Pattern.compile("\\{\\{.*}}", Pattern.UNIX_LINES);

    private FastTemplate() {}

    static String execute(String template, Map<String, Object> params, Render.Quirks quirks) throws TemplateException {
        if (!TEMPLATED.matcher(template).find()) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length());
        int at = 0;
        while (true) {
            int start = template.indexOf("{{", at);
            if (start < 0) {
                out.append(template, at, template.length());
                return out.toString();
            }
            out.append(template, at, start);
            int end = template.indexOf("}}", start + 2);
            if (end < 0) {
                throw new TemplateException("invalid template: Cannot find end tag=\"}}\" in the template="
                        + GoValues.quote(template) + " starting from " + GoValues.quote(template.substring(start + 2)));
            }
            String tag = template.substring(start + 2, end);
            String key = GoStrings.trimSpace(tag);
            if (!key.isEmpty() && params.get(key) instanceof String replacement) {
                out.append(replacement);
            } else {
                if (key.startsWith("generator.") || params.containsKey(key)) {
                    quirks.fastTemplateLeftVerbatim(key);
                }
                out.append("{{").append(tag).append("}}");
            }
            at = end + 2;
        }
    }
}
