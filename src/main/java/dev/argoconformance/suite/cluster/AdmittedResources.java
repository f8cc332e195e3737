package dev.argoconformance.suite.cluster;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Whether a container got the resources it declared, judged as the API server stores them. On create it copies each
 * limit into a missing request ({@code SetDefaults_Pod}) and rewrites every quantity in canonical form ({@code "0.5"}
 * becomes {@code 500m}, {@code 1024Mi} becomes {@code 1Gi}), so a verbatim comparison fails plugins that declare only
 * limits, or write {@code "0.5"}. The declaration gets the same defaulting, then every quantity is compared by value.
 * What the API server changes in value, such as a CPU amount below a millicore rounded up to {@code 1m}, is a resource
 * the pod does not get, and differs.
 */
public final class AdmittedResources {

    private AdmittedResources() {}

    /** The declaration with each limit copied into a missing request, as the API server defaults it. */
    public static ResourceRequirements defaulted(ResourceRequirements declared) {
        Map<String, Quantity> limits =
                declared == null || declared.getLimits() == null ? Map.of() : declared.getLimits();
        Map<String, Quantity> requests = new LinkedHashMap<>(
                declared == null || declared.getRequests() == null ? Map.of() : declared.getRequests());
        limits.forEach(requests::putIfAbsent);
        ResourceRequirements out = new ResourceRequirements();
        out.setLimits(new LinkedHashMap<>(limits));
        out.setRequests(requests);
        return out;
    }

    /**
     * How the admitted resources differ from the defaulted declaration, one line per resource
     * ({@code requests.cpu: declared 0.0005, admitted 1m}); empty when the container got what it declared.
     */
    public static List<String> differences(ResourceRequirements declared, ResourceRequirements admitted) {
        ResourceRequirements want = defaulted(declared);
        List<String> out = new ArrayList<>();
        compare(out, "limits", want.getLimits(), admitted == null ? null : admitted.getLimits());
        compare(out, "requests", want.getRequests(), admitted == null ? null : admitted.getRequests());
        return out;
    }

    /** {@code requests {cpu: 250m, memory: 64Mi}, limits {cpu: 500m, memory: 128Mi}}, for reports. */
    public static String describe(ResourceRequirements resources) {
        return "requests " + describe(resources == null ? null : resources.getRequests()) + ", limits "
                + describe(resources == null ? null : resources.getLimits());
    }

    private static String describe(Map<String, Quantity> quantities) {
        return quantities == null || quantities.isEmpty()
                ? "{}"
                : new TreeMap<>(quantities)
                        .entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue())
                                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static void compare(List<String> out, String kind, Map<String, Quantity> want, Map<String, Quantity> got) {
        Map<String, Quantity> have = got == null ? Map.of() : got;
        TreeSet<String> names = new TreeSet<>(want.keySet());
        names.addAll(have.keySet());
        for (String name : names) {
            Quantity declared = want.get(name);
            Quantity admitted = have.get(name);
            if (declared == null || admitted == null || value(declared).compareTo(value(admitted)) != 0) {
                out.add(kind + "." + name + ": declared " + (declared == null ? "nothing" : declared) + ", admitted "
                        + (admitted == null ? "nothing" : admitted));
            }
        }
    }

    /** The value in base units (cores, bytes); the API server has already refused a quantity that does not parse. */
    private static BigDecimal value(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity);
    }
}
