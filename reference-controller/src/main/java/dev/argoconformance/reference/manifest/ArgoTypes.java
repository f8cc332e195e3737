package dev.argoconformance.reference.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Go types {@code argo executor-plugin build} and the controller decode plugins into: Argo's
 * {@code spec.Plugin} ({@code pkg/plugins/spec/plugin_types.go}, v4.1.2) and, under it, {@code core/v1 Container}
 * and {@code meta/v1 ObjectMeta} from k8s.io/api and k8s.io/apimachinery v0.35.4, the versions Argo v4.1.2 pins.
 *
 * <p>The Kubernetes part is data read off the json tags of those {@code types.go} files, one string per field:
 * {@code "<json name> <go type>"}, then {@code !} when the tag has no {@code omitempty} (Go always emits it) or
 * {@code ~} for {@code omitzero}; {@code "inline <go type>"} is an embedded struct. Strictness (which fields
 * exist), coercions and the marshalled shape all come from this one table, so a newer Kubernetes field is one
 * line here.
 */
final class ArgoTypes {

    static final String CONFIGMAP_TYPE_LABEL = "workflows.argoproj.io/configmap-type";

    private static final Map<String, String> NAMED = new HashMap<>();
    private static final Map<String, List<String>> SPECS = new LinkedHashMap<>();
    private static final Map<String, GoType.Struct> STRUCTS = new HashMap<>();

    static final GoType.Struct PLUGIN;
    static final GoType.Struct CONTAINER;

    private ArgoTypes() {}

    static {
        named("v1.AppArmorProfileType", "string");
        named("v1.Capability", "string");
        named("v1.ContainerRestartPolicy", "string");
        named("v1.ContainerRestartRuleAction", "string");
        named("v1.ContainerRestartRuleOnExitCodesOperator", "string");
        named("v1.ManagedFieldsOperationType", "string");
        named("v1.MountPropagationMode", "string");
        named("v1.ProcMountType", "string");
        named("v1.Protocol", "string");
        named("v1.PullPolicy", "string");
        named("v1.RecursiveReadOnlyMode", "string");
        named("v1.ResourceList", "map[v1.ResourceName]resource.Quantity");
        named("v1.ResourceName", "string");
        named("v1.ResourceResizeRestartPolicy", "string");
        named("v1.SeccompProfileType", "string");
        named("v1.Signal", "string");
        named("v1.TerminationMessagePolicy", "string");
        named("v1.URIScheme", "string");
        struct(
                "v1.ContainerPort",
                "name string",
                "hostPort int32",
                "containerPort int32 !",
                "protocol v1.Protocol",
                "hostIP string");
        struct("v1.LocalObjectReference", "name string");
        struct("v1.ConfigMapEnvSource", "inline v1.LocalObjectReference", "optional *bool");
        struct("v1.SecretEnvSource", "inline v1.LocalObjectReference", "optional *bool");
        struct(
                "v1.EnvFromSource",
                "prefix string",
                "configMapRef *v1.ConfigMapEnvSource",
                "secretRef *v1.SecretEnvSource");
        struct("v1.ObjectFieldSelector", "apiVersion string", "fieldPath string !");
        struct("v1.ResourceFieldSelector", "containerName string", "resource string !", "divisor resource.Quantity");
        struct("v1.ConfigMapKeySelector", "inline v1.LocalObjectReference", "key string !", "optional *bool");
        struct("v1.SecretKeySelector", "inline v1.LocalObjectReference", "key string !", "optional *bool");
        struct("v1.FileKeySelector", "volumeName string !", "path string !", "key string !", "optional *bool");
        struct(
                "v1.EnvVarSource",
                "fieldRef *v1.ObjectFieldSelector",
                "resourceFieldRef *v1.ResourceFieldSelector",
                "configMapKeyRef *v1.ConfigMapKeySelector",
                "secretKeyRef *v1.SecretKeySelector",
                "fileKeyRef *v1.FileKeySelector");
        struct("v1.EnvVar", "name string !", "value string", "valueFrom *v1.EnvVarSource");
        struct("v1.ResourceClaim", "name string !", "request string");
        struct(
                "v1.ResourceRequirements",
                "limits v1.ResourceList",
                "requests v1.ResourceList",
                "claims []v1.ResourceClaim");
        struct(
                "v1.ContainerResizePolicy",
                "resourceName v1.ResourceName !",
                "restartPolicy v1.ResourceResizeRestartPolicy !");
        struct(
                "v1.ContainerRestartRuleOnExitCodes",
                "operator v1.ContainerRestartRuleOnExitCodesOperator",
                "values []int32");
        struct(
                "v1.ContainerRestartRule",
                "action v1.ContainerRestartRuleAction",
                "exitCodes *v1.ContainerRestartRuleOnExitCodes");
        struct(
                "v1.VolumeMount",
                "name string !",
                "readOnly bool",
                "recursiveReadOnly *v1.RecursiveReadOnlyMode",
                "mountPath string !",
                "subPath string",
                "mountPropagation *v1.MountPropagationMode",
                "subPathExpr string");
        struct("v1.VolumeDevice", "name string !", "devicePath string !");
        struct("v1.ExecAction", "command []string");
        struct("v1.HTTPHeader", "name string !", "value string !");
        struct(
                "v1.HTTPGetAction",
                "path string",
                "port intstr.IntOrString !",
                "host string",
                "scheme v1.URIScheme",
                "httpHeaders []v1.HTTPHeader");
        struct("v1.TCPSocketAction", "port intstr.IntOrString !", "host string");
        struct("v1.GRPCAction", "port int32 !", "service *string !");
        struct(
                "v1.ProbeHandler",
                "exec *v1.ExecAction",
                "httpGet *v1.HTTPGetAction",
                "tcpSocket *v1.TCPSocketAction",
                "grpc *v1.GRPCAction");
        struct(
                "v1.Probe",
                "inline v1.ProbeHandler",
                "initialDelaySeconds int32",
                "timeoutSeconds int32",
                "periodSeconds int32",
                "successThreshold int32",
                "failureThreshold int32",
                "terminationGracePeriodSeconds *int64");
        struct("v1.SleepAction", "seconds int64 !");
        struct(
                "v1.LifecycleHandler",
                "exec *v1.ExecAction",
                "httpGet *v1.HTTPGetAction",
                "tcpSocket *v1.TCPSocketAction",
                "sleep *v1.SleepAction");
        struct(
                "v1.Lifecycle",
                "postStart *v1.LifecycleHandler",
                "preStop *v1.LifecycleHandler",
                "stopSignal *v1.Signal");
        struct("v1.Capabilities", "add []v1.Capability", "drop []v1.Capability");
        struct("v1.SELinuxOptions", "user string", "role string", "type string", "level string");
        struct(
                "v1.WindowsSecurityContextOptions",
                "gmsaCredentialSpecName *string",
                "gmsaCredentialSpec *string",
                "runAsUserName *string",
                "hostProcess *bool");
        struct("v1.SeccompProfile", "type v1.SeccompProfileType !", "localhostProfile *string");
        struct("v1.AppArmorProfile", "type v1.AppArmorProfileType !", "localhostProfile *string");
        struct(
                "v1.SecurityContext",
                "capabilities *v1.Capabilities",
                "privileged *bool",
                "seLinuxOptions *v1.SELinuxOptions",
                "windowsOptions *v1.WindowsSecurityContextOptions",
                "runAsUser *int64",
                "runAsGroup *int64",
                "runAsNonRoot *bool",
                "readOnlyRootFilesystem *bool",
                "allowPrivilegeEscalation *bool",
                "procMount *v1.ProcMountType",
                "seccompProfile *v1.SeccompProfile",
                "appArmorProfile *v1.AppArmorProfile");
        struct(
                "v1.Container",
                "name string !",
                "image string",
                "command []string",
                "args []string",
                "workingDir string",
                "ports []v1.ContainerPort",
                "envFrom []v1.EnvFromSource",
                "env []v1.EnvVar",
                "resources v1.ResourceRequirements",
                "resizePolicy []v1.ContainerResizePolicy",
                "restartPolicy *v1.ContainerRestartPolicy",
                "restartPolicyRules []v1.ContainerRestartRule",
                "volumeMounts []v1.VolumeMount",
                "volumeDevices []v1.VolumeDevice",
                "livenessProbe *v1.Probe",
                "readinessProbe *v1.Probe",
                "startupProbe *v1.Probe",
                "lifecycle *v1.Lifecycle",
                "terminationMessagePath string",
                "terminationMessagePolicy v1.TerminationMessagePolicy",
                "imagePullPolicy v1.PullPolicy",
                "securityContext *v1.SecurityContext",
                "stdin bool",
                "stdinOnce bool",
                "tty bool");
        struct(
                "v1.OwnerReference",
                "apiVersion string !",
                "kind string !",
                "name string !",
                "uid types.UID !",
                "controller *bool",
                "blockOwnerDeletion *bool");
        struct(
                "v1.ManagedFieldsEntry",
                "manager string",
                "operation v1.ManagedFieldsOperationType",
                "apiVersion string",
                "time *v1.Time",
                "fieldsType string",
                "fieldsV1 *v1.FieldsV1",
                "subresource string");
        struct(
                "v1.ObjectMeta",
                "name string",
                "generateName string",
                "namespace string",
                "selfLink string",
                "uid types.UID",
                "resourceVersion string",
                "generation int64",
                "creationTimestamp v1.Time ~",
                "deletionTimestamp *v1.Time",
                "deletionGracePeriodSeconds *int64",
                "labels map[string]string",
                "annotations map[string]string",
                "ownerReferences []v1.OwnerReference",
                "finalizers []string",
                "managedFields []v1.ManagedFieldsEntry");
        struct("v1.TypeMeta", "kind string", "apiVersion string");
        // Argo's own manifest types (pkg/plugins/spec/plugin_types.go).
        struct("spec.Plugin", "inline v1.TypeMeta", "metadata v1.ObjectMeta !", "spec spec.PluginSpec !");
        struct("spec.PluginSpec", "sidecar spec.Sidecar !");
        struct("spec.Sidecar", "automountServiceAccountToken bool", "container v1.Container !");

        SPECS.keySet().forEach(name -> STRUCTS.put(name, new GoType.Struct(name)));
        SPECS.forEach((name, fields) ->
                STRUCTS.get(name).fields(fields.stream().map(ArgoTypes::field).toList()));
        PLUGIN = STRUCTS.get("spec.Plugin");
        CONTAINER = STRUCTS.get("v1.Container");
    }

    private static void named(String name, String underlying) {
        NAMED.put(name, underlying);
    }

    private static void struct(String name, String... fields) {
        SPECS.put(name, List.of(fields));
    }

    private static GoType.Field field(String spec) {
        List<String> words = new ArrayList<>(List.of(spec.split(" ")));
        if (words.getFirst().equals("inline")) {
            return new GoType.Field("", type(words.get(1)), true, true, false);
        }
        boolean always = words.size() > 2 && words.get(2).equals("!");
        boolean omitZero = words.size() > 2 && words.get(2).equals("~");
        return new GoType.Field(words.get(0), type(words.get(1)), always, false, omitZero);
    }

    private static GoType type(String expr) {
        if (expr.startsWith("*")) {
            return new GoType.Pointer(type(expr.substring(1)));
        }
        if (expr.startsWith("[]")) {
            return new GoType.Slice(type(expr.substring(2)));
        }
        if (expr.startsWith("map[")) {
            return new GoType.GoMap(expr, type(expr.substring(expr.indexOf(']') + 1)));
        }
        String underlying = NAMED.get(expr);
        if (underlying != null) {
            return underlying.startsWith("map[")
                    ? new GoType.GoMap(expr, type(underlying.substring(underlying.indexOf(']') + 1)))
                    : named(expr, type(underlying));
        }
        return switch (expr) {
            case "string", "types.UID" -> new GoType.Str(expr);
            case "int32" -> new GoType.Int(expr, 32);
            case "int64" -> new GoType.Int(expr, 64);
            case "bool" -> new GoType.Bool(expr);
            case "resource.Quantity" -> new GoType.Quantity(expr);
            case "intstr.IntOrString" -> new GoType.IntOrString(expr);
            case "v1.Time" -> new GoType.Time(expr);
            case "v1.FieldsV1" -> new GoType.Raw(expr);
            default -> {
                GoType.Struct struct = STRUCTS.get(expr);
                if (struct == null) {
                    throw new IllegalStateException("no Go type " + expr + " in the table");
                }
                yield struct;
            }
        };
    }

    private static GoType named(String name, GoType underlying) {
        return switch (underlying) {
            case GoType.Str s -> new GoType.Str(name);
            default -> throw new IllegalStateException("named type " + name + " over " + underlying);
        };
    }
}
