package dev.argoconformance.reference.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.Duration} text form, which is what Argo's {@code requeue} field carries
 * ({@code metav1.Duration} parses it with {@code time.ParseDuration}).
 *
 * <p>Parsing follows Go's grammar {@code [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+} exactly, with Go's error
 * texts: {@code "1d"}, {@code ""} and bare numbers other than {@code "0"} are rejected. Formatting
 * matches {@code Duration.String()}: {@code 1h30m0s}, {@code 2m0s}, {@code 1.5s}, {@code 300ms}.
 */
public final class GoDuration {

    private static final long NANOSECOND = 1;
    private static final long MICROSECOND = 1000 * NANOSECOND;
    private static final long MILLISECOND = 1000 * MICROSECOND;
    private static final long SECOND = 1000 * MILLISECOND;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private static final Map<String, Long> UNITS = Map.of(
            "ns", NANOSECOND,
            "us", MICROSECOND,
            "\u00b5s", MICROSECOND, // U+00B5 micro sign
            "\u03bcs", MICROSECOND, // U+03BC Greek small letter mu
            "ms", MILLISECOND,
            "s", SECOND,
            "m", MINUTE,
            "h", HOUR);

    /** 1<<63 as an unsigned quantity; Java has no unsigned long literal for it. */
    private static final long ONE_SHL_63 = Long.MIN_VALUE;

    private GoDuration() {}

    /** Parses like Go's {@code time.ParseDuration}; the exception message is Go's error text. */
    public static Duration parse(String text) {
        return Duration.ofNanos(parseNanos(text));
    }

    static long parseNanos(String orig) {
        String s = orig;
        long d = 0; // unsigned accumulator, as in Go
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        while (!s.isEmpty()) {
            char c = s.charAt(0);
            if (!(c == '.' || isDigit(c))) {
                throw invalid(orig);
            }
            int i = 0;
            long v = 0;
            while (i < s.length() && isDigit(s.charAt(i))) {
                if (Long.compareUnsigned(v, Long.divideUnsigned(ONE_SHL_63, 10)) > 0) {
                    throw invalid(orig); // leadingInt overflow
                }
                v = v * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(v, ONE_SHL_63) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i > 0;
            s = s.substring(i);

            long f = 0;
            double scale = 1;
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                boolean overflow = false;
                while (j < s.length() && isDigit(s.charAt(j))) {
                    if (!overflow) {
                        long next = f * 10 + (s.charAt(j) - '0');
                        if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0
                                || Long.compareUnsigned(next, ONE_SHL_63) > 0) {
                            overflow = true; // stop accumulating, keep consuming, as Go does
                        } else {
                            f = next;
                            scale *= 10;
                        }
                    }
                    j++;
                }
                post = j > 0;
                s = s.substring(j);
            }
            if (!pre && !post) {
                throw invalid(orig);
            }

            int k = 0;
            while (k < s.length() && !(s.charAt(k) == '.' || isDigit(s.charAt(k)))) {
                k++;
            }
            if (k == 0) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(orig));
            }
            String u = s.substring(0, k);
            s = s.substring(k);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit " + quote(u) + " in duration " + quote(orig));
            }
            if (Long.compareUnsigned(v, Long.divideUnsigned(ONE_SHL_63, unit)) > 0) {
                throw invalid(orig);
            }
            v *= unit;
            if (f != 0) { // f is unsigned and may be exactly 1<<63
                v += (long) (unsignedToDouble(f) * ((double) unit / scale));
                if (Long.compareUnsigned(v, ONE_SHL_63) > 0) {
                    throw invalid(orig);
                }
            }
            d += v;
            if (Long.compareUnsigned(d, ONE_SHL_63) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return -d;
        }
        if (Long.compareUnsigned(d, Long.MAX_VALUE) > 0) {
            throw invalid(orig);
        }
        return d;
    }

    /** Formats like Go's {@code Duration.String()}. */
    public static String format(Duration duration) {
        long d = duration.toNanos();
        long u = d;
        boolean neg = d < 0;
        if (neg) {
            u = -u; // Long.MIN_VALUE stays itself; treated as unsigned below, as in Go
        }
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, SECOND) < 0) {
            if (u == 0) {
                return "0s";
            }
            int prec;
            String unit;
            if (u < MICROSECOND) {
                prec = 0;
                unit = "ns";
            } else if (u < MILLISECOND) {
                prec = 3;
                unit = "\u00b5s";
            } else {
                prec = 6;
                unit = "ms";
            }
            long[] rest = {u};
            String frac = fraction(rest, prec);
            out.append(Long.toUnsignedString(rest[0])).append(frac).append(unit);
        } else {
            long[] rest = {u};
            String frac = fraction(rest, 9);
            long secs = Long.remainderUnsigned(rest[0], 60);
            long mins = Long.divideUnsigned(rest[0], 60);
            String tail = secs + frac + "s";
            if (mins > 0) {
                long hours = mins / 60;
                tail = (mins % 60) + "m" + tail;
                if (hours > 0) {
                    tail = hours + "h" + tail;
                }
            }
            out.append(tail);
        }
        return (neg ? "-" : "") + out;
    }

    /** Go's fmtFrac: the fraction of v/10^prec without trailing zeros; leaves the integer part in v[0]. */
    private static String fraction(long[] v, int prec) {
        StringBuilder digits = new StringBuilder();
        boolean print = false;
        for (int i = 0; i < prec; i++) {
            long digit = Long.remainderUnsigned(v[0], 10);
            print = print || digit != 0;
            if (print) {
                digits.append((char) ('0' + digit));
            }
            v[0] = Long.divideUnsigned(v[0], 10);
        }
        return print ? "." + digits.reverse() : "";
    }

    /** Go's float64(uint64): round to odd on the dropped bit, then scale, so the rounding stays correct. */
    private static double unsignedToDouble(long x) {
        return x >= 0 ? (double) x : (double) ((x >>> 1) | (x & 1)) * 2.0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration " + quote(orig));
    }

    /** Go's time.quote: ASCII as is (escaping quote and backslash), everything else as \xNN bytes. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp >= 0x80 || cp < ' ') {
                for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    b.append("\\x")
                            .append(Character.forDigit((x >> 4) & 0xF, 16))
                            .append(Character.forDigit(x & 0xF, 16));
                }
            } else {
                if (cp == '"' || cp == '\\') {
                    b.append('\\');
                }
                b.appendCodePoint(cp);
            }
        });
        return b.append('"').toString();
    }
}
