package dev.argoconformance.reference.manifest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;

/**
 * A Kubernetes {@code resource.Quantity} as k8s.io/apimachinery v0.35 parses and prints it. Argo decodes the
 * sidecar's {@code resources} into quantities and marshals them back, so {@code cpu: 0.5} comes out of
 * {@code argo executor-plugin build} as {@code cpu: 500m}; reproducing the ConfigMap byte for byte needs the same
 * canonical form, including the cases where Go keeps the text as written ({@code 100m}, {@code +1}).
 */
final class GoQuantity {

    static final String ERR_FORMAT_WRONG =
            "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    static final String ERR_NUMERIC = "unable to parse numeric part of quantity";
    static final String ERR_SUFFIX = "unable to parse quantity's suffix";

    static final GoQuantity ZERO = new GoQuantity(BigDecimal.ZERO, Format.DECIMAL_SI, null);

    private enum Format {
        DECIMAL_EXPONENT,
        BINARY_SI,
        DECIMAL_SI
    }

    private record Suffix(int base, int exponent, Format format) {}

    private static final Map<String, Suffix> SUFFIXES = Map.ofEntries(
            Map.entry("", new Suffix(10, 0, Format.DECIMAL_SI)),
            Map.entry("n", new Suffix(10, -9, Format.DECIMAL_SI)),
            Map.entry("u", new Suffix(10, -6, Format.DECIMAL_SI)),
            Map.entry("m", new Suffix(10, -3, Format.DECIMAL_SI)),
            Map.entry("k", new Suffix(10, 3, Format.DECIMAL_SI)),
            Map.entry("M", new Suffix(10, 6, Format.DECIMAL_SI)),
            Map.entry("G", new Suffix(10, 9, Format.DECIMAL_SI)),
            Map.entry("T", new Suffix(10, 12, Format.DECIMAL_SI)),
            Map.entry("P", new Suffix(10, 15, Format.DECIMAL_SI)),
            Map.entry("E", new Suffix(10, 18, Format.DECIMAL_SI)),
            Map.entry("Ki", new Suffix(2, 10, Format.BINARY_SI)),
            Map.entry("Mi", new Suffix(2, 20, Format.BINARY_SI)),
            Map.entry("Gi", new Suffix(2, 30, Format.BINARY_SI)),
            Map.entry("Ti", new Suffix(2, 40, Format.BINARY_SI)),
            Map.entry("Pi", new Suffix(2, 50, Format.BINARY_SI)),
            Map.entry("Ei", new Suffix(2, 60, Format.BINARY_SI)));

    private static final Map<Integer, String> DECIMAL_SI_NAMES =
            Map.of(-9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18, "E");

    private static final Map<Integer, String> BINARY_SI_NAMES =
            Map.of(10, "Ki", 20, "Mi", 30, "Gi", 40, "Ti", 50, "Pi", 60, "Ei");

    private static final BigDecimal NANO = new BigDecimal("1e-9");

    private final BigDecimal value;
    private final Format format;
    /** The text as written when Go keeps it ({@code Quantity.s}); null means "print the canonical form". */
    private final String kept;

    private GoQuantity(BigDecimal value, Format format, String kept) {
        this.value = value;
        this.format = format;
        this.kept = kept;
    }

    /** Go's {@code resource.ParseQuantity}; the exception message is Go's error text. */
    static GoQuantity parse(String str) throws IllegalArgumentException {
        if (str.isEmpty()) {
            throw new IllegalArgumentException(ERR_FORMAT_WRONG);
        }
        if (str.equals("0")) {
            return new GoQuantity(BigDecimal.ZERO, Format.DECIMAL_SI, str);
        }
        Parts parts = Parts.of(str);
        Suffix suffix = interpret(parts.suffix);
        if (suffix == null) {
            throw new IllegalArgumentException(ERR_SUFFIX);
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(parts.value.endsWith(".") ? parts.value + "0" : parts.value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ERR_NUMERIC);
        }
        amount = suffix.base == 10
                ? amount.scaleByPowerOfTen(suffix.exponent)
                : amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(suffix.exponent)));
        // Go rounds away from zero to nanos so that asking for a tiny amount still gets some.
        if (amount.signum() != 0 && amount.scale() > 9) {
            amount = amount.setScale(9, RoundingMode.UP);
        }
        Format format = suffix.format;
        if (format == Format.BINARY_SI && amount.abs().compareTo(BigDecimal.ONE) < 0 && amount.signum() != 0) {
            format = Format.DECIMAL_SI;
        }
        return new GoQuantity(amount, format, keptText(str, parts, suffix));
    }

    /**
     * Go's fast path remembers the input when it already looks canonical (quantity.go, "if the number is in
     * canonical form, reuse the string"); everything else is printed canonically.
     */
    private static String keptText(String str, Parts parts, Suffix suffix) {
        int precision;
        int scale;
        long mantissa = 1;
        if (suffix.format == Format.BINARY_SI) {
            scale = 0;
            if (suffix.exponent >= 0 && parts.denom.isEmpty()) {
                mantissa = 1L << suffix.exponent;
                precision = 15 - parts.num.length() - (int) ((float) suffix.exponent * 3 / 10) - 1;
            } else {
                precision = -1;
            }
        } else {
            scale = suffix.exponent;
            precision = 18 - (parts.num.length() + parts.denom.length());
        }
        if (precision < 0) {
            return null;
        }
        scale -= parts.denom.length();
        if (scale < -9) {
            return null;
        }
        String shifted = parts.num + parts.denom;
        long digits = Long.parseLong(shifted);
        try {
            Math.multiplyExact(digits, mantissa);
        } catch (ArithmeticException overflow) {
            return null;
        }
        if (suffix.format == Format.BINARY_SI) {
            return suffix.exponent % 10 == 0 && (digits & 0x07) != 0 ? str : null;
        }
        return Math.floorMod(scale, 3) == 0 && !shifted.endsWith("000") && shifted.charAt(0) != '0' ? str : null;
    }

    private static Suffix interpret(String suffix) {
        Suffix known = SUFFIXES.get(suffix);
        if (known != null) {
            return known;
        }
        if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
            try {
                return new Suffix(10, Integer.parseInt(suffix.substring(1)), Format.DECIMAL_EXPONENT);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Go's {@code Quantity.String()}: what {@code MarshalJSON} writes. */
    @Override
    public String toString() {
        if (kept != null) {
            return kept;
        }
        if (value.signum() == 0) {
            return "0";
        }
        Format printed = format;
        if (printed == Format.BINARY_SI) {
            boolean small =
                    value.compareTo(BigDecimal.valueOf(-1024)) > 0 && value.compareTo(BigDecimal.valueOf(1024)) < 0;
            boolean whole = value.stripTrailingZeros().scale() <= 0;
            if (small || !whole) {
                printed = Format.DECIMAL_SI;
            }
        }
        if (printed == Format.BINARY_SI) {
            BigInteger amount = value.toBigIntegerExact();
            BigInteger k = BigInteger.valueOf(1024);
            int times = 0;
            while (amount.abs().compareTo(k) >= 0 && amount.mod(k).signum() == 0) {
                amount = amount.divide(k);
                times++;
            }
            return amount + BINARY_SI_NAMES.getOrDefault(times * 10, "");
        }
        BigDecimal stripped = value.stripTrailingZeros();
        BigInteger amount = stripped.unscaledValue();
        int exponent = -stripped.scale();
        int down = Math.floorMod(exponent, 3);
        amount = amount.multiply(BigInteger.TEN.pow(down));
        exponent -= down;
        String suffix = printed == Format.DECIMAL_EXPONENT
                ? (exponent == 0 ? "" : "e" + exponent)
                : DECIMAL_SI_NAMES.getOrDefault(exponent, "");
        return amount + suffix;
    }

    /** The pieces {@code parseQuantityString} splits a quantity into. */
    private record Parts(String value, String num, String denom, String suffix) {

        static Parts of(String str) {
            int pos = 0;
            int end = str.length();
            if (pos < end && (str.charAt(0) == '-' || str.charAt(0) == '+')) {
                pos++;
            }
            while (pos < end && str.charAt(pos) == '0') {
                pos++;
            }
            if (pos >= end) {
                return new Parts("0", "0", "", "");
            }
            int numStart = pos;
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            if (pos >= end) {
                return new Parts(str, str.substring(numStart), "", "");
            }
            String num = str.substring(numStart, pos);
            if (num.isEmpty()) {
                num = "0";
            }
            String denom = "";
            if (str.charAt(pos) == '.') {
                pos++;
                int denomStart = pos;
                while (pos < end && isDigit(str.charAt(pos))) {
                    pos++;
                }
                if (pos >= end) {
                    return new Parts(str, num, str.substring(denomStart), "");
                }
                denom = str.substring(denomStart, pos);
            }
            String value = str.substring(0, pos);
            int suffixStart = pos;
            while (pos < end && "eEinumkKMGTP".indexOf(str.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < end && isDigit(str.charAt(pos))) {
                pos++;
            }
            if (pos < end) {
                throw new IllegalArgumentException(ERR_FORMAT_WRONG);
            }
            return new Parts(value, num, denom, str.substring(suffixStart));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
