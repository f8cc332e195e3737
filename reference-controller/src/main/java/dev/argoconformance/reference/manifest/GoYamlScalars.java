package dev.argoconformance.reference.manifest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.YearMonth;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How go-yaml v2 (the parser under {@code sigs.k8s.io/yaml}) reads a plain scalar (YAML 1.1: {@code yes} is true,
 * {@code 0755} is octal, {@code 2001-12-14} is a timestamp), and how Go prints numbers. Both directions matter:
 * reading decides what {@code image: 1.10} means, writing decides whether {@code "false"} needs quotes.
 */
final class GoYamlScalars {

    enum Kind {
        STR,
        BOOL,
        NULL,
        INT,
        FLOAT,
        TIMESTAMP
    }

    record Resolved(Kind kind, Object value) {}

    private static final Set<String> TRUE =
            Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
    private static final Set<String> FALSE =
            Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
    private static final Set<String> NULL = Set.of("", "~", "null", "Null", "NULL");
    private static final Set<String> NAN = Set.of(".nan", ".NaN", ".NAN");
    private static final Set<String> POS_INF = Set.of(".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
    private static final Set<String> NEG_INF = Set.of("-.inf", "-.Inf", "-.INF");

    private static final Pattern YAML_FLOAT =
            Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
    private static final Pattern DOT_FLOAT = Pattern.compile("^\\.[0-9]+([eE][-+]?[0-9]+)?$");
    private static final Pattern BASE60_FLOAT = Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:(?:[Tt](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:\\d{2}))"
                    + "|(?: (\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:[.,]\\d+)?))?$");

    private GoYamlScalars() {}

    /** go-yaml v2's {@code resolve("", in)} for an untagged plain scalar. */
    static Resolved resolve(String in) {
        char first = in.isEmpty() ? 'N' : in.charAt(0);
        boolean hinted = in.isEmpty() || "+-0123456789yYnNtTfFoO~.".indexOf(first) >= 0;
        if (!hinted) {
            return new Resolved(Kind.STR, in);
        }
        if (TRUE.contains(in)) {
            return new Resolved(Kind.BOOL, true);
        }
        if (FALSE.contains(in)) {
            return new Resolved(Kind.BOOL, false);
        }
        if (NULL.contains(in)) {
            return new Resolved(Kind.NULL, null);
        }
        if (NAN.contains(in)) {
            return new Resolved(Kind.FLOAT, Double.NaN);
        }
        if (POS_INF.contains(in)) {
            return new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY);
        }
        if (NEG_INF.contains(in)) {
            return new Resolved(Kind.FLOAT, Double.NEGATIVE_INFINITY);
        }
        if (first == '.') {
            if (DOT_FLOAT.matcher(in).matches() && !Double.isInfinite(Double.parseDouble(in))) {
                return new Resolved(Kind.FLOAT, Double.parseDouble(in));
            }
            return new Resolved(Kind.STR, in);
        }
        if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            if (isTimestamp(in)) {
                return new Resolved(Kind.TIMESTAMP, in);
            }
            String plain = in.replace("_", "");
            Object integer = parseGoInt(plain);
            if (integer != null) {
                return new Resolved(Kind.INT, integer);
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                double d = Double.parseDouble(plain);
                if (!Double.isInfinite(d)) {
                    return new Resolved(Kind.FLOAT, d);
                }
            }
        }
        return new Resolved(Kind.STR, in);
    }

    /** True when go-yaml v2 would write {@code s} unquoted and read it back as the same string. */
    static boolean plainIsString(String s) {
        return resolve(s).kind() == Kind.STR && !isBase60Float(s);
    }

    private static boolean isBase60Float(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || (c >= '0' && c <= '9')) || s.indexOf(':') < 0) {
            return false;
        }
        return BASE60_FLOAT.matcher(s).matches();
    }

    /** The YAML 1.1 timestamp forms go-yaml v2 accepts: date, or date and time with T/t and a zone, or with a space. */
    private static boolean isTimestamp(String s) {
        Matcher m = TIMESTAMP.matcher(s);
        if (!m.matches()) {
            return false;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1
                || month > 12
                || day < 1
                || day > YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        String hour = m.group(4) != null ? m.group(4) : m.group(7);
        if (hour != null) {
            String minute = m.group(4) != null ? m.group(5) : m.group(8);
            String second = m.group(4) != null ? m.group(6) : m.group(9);
            return Integer.parseInt(hour) < 24 && Integer.parseInt(minute) < 60 && Integer.parseInt(second) < 60;
        }
        return true;
    }

    /** Go's {@code strconv.ParseInt(s, 0, 64)}, then {@code ParseUint}: a Long, a BigInteger above int64, or null. */
    private static Object parseGoInt(String s) {
        boolean negative = false;
        String body = s;
        if (body.startsWith("+") || body.startsWith("-")) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c > 127 || Character.digit(c, radix) < 0) {
                return null;
            }
        }
        BigInteger value = new BigInteger(body, radix);
        if (negative) {
            value = value.negate();
        }
        if (value.bitLength() < 64) {
            return value.longValueExact();
        }
        boolean fitsUint64 = !negative && value.bitLength() <= 64 && !s.startsWith("+");
        return fitsUint64 ? value : null;
    }

    /** Go's {@code strconv.FormatFloat(v, 'g', -1, bits)}. */
    static String formatG(double v, int bits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        BigDecimal shortest =
                new BigDecimal(bits == 32 ? Float.toString((float) v) : Double.toString(v)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = shortest.signum() < 0 ? "-" : "";
        // strconv decides between %e and %f with precision 6 when asked for the shortest form.
        if (exponent < -4 || exponent >= 6) {
            return sign + scientific(digits, exponent);
        }
        return sign + shortest.abs().toPlainString();
    }

    /** Go's {@code encoding/json} float text: plain decimals between 1e-6 and 1e21, exponent form outside. */
    static String formatJson(double v) {
        double abs = Math.abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String e = scientific(new BigDecimal(Double.toString(abs)).stripTrailingZeros());
            // encoding/json trims "e-07" to "e-7" but keeps "e+21".
            e = e.replaceFirst("e-0(\\d)$", "e-$1");
            return (v < 0 ? "-" : "") + e;
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String scientific(BigDecimal positive) {
        String digits = positive.unscaledValue().toString();
        return scientific(digits, digits.length() - 1 - positive.scale());
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.valueOf(Math.abs(exponent));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (exp.length() < 2 ? "0" + exp : exp);
    }
}
