package dev.argoconformance.reference.generator;

import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one reconcile of an ApplicationSet produced, as Argo CD's ApplicationSet controller would leave it: the
 * parameter sets, the Applications, the condition on failure, when it reconciles again, and the evidence.
 *
 * <p>On a generation or rendering error Argo sets {@code ErrorOccurred}, requeues after 3 minutes and touches no
 * Application: {@link #applicationsToDelete} is then empty whatever exists. On success every existing Application the
 * generators no longer produce is deleted (unless {@code applicationsSync} forbids deletion), which is why a silent
 * empty reply ({@link ReplyShape#SILENT_EMPTY}) is dangerous.
 */
public final class Reconciliation {

    /** {@code ApplicationSetReasonApplicationParamsGenerationError}. */
    public static final String REASON_GENERATION = "ApplicationGenerationFromParamsError";
    /** {@code ApplicationSetReasonRenderTemplateParamsError}. */
    public static final String REASON_RENDER = "RenderTemplateParamsError";
    /** {@code ApplicationSetReasonApplicationValidationError}. */
    public static final String REASON_VALIDATION = "ApplicationValidationError";

    private final String error;
    private final String errorReason;
    private final List<Map<String, Object>> parameterSets;
    private final List<RenderedApplication> applications;
    private final List<RenderedApplication> applicationsToApply;
    private final String validationError;
    private final Duration requeueAfter;
    private final boolean deletionAllowed;
    private final List<RecordedCall> calls;
    private final List<PluginReply> replies;
    private final List<CompatibilityNote> notes;

    Reconciliation(
            String error,
            String errorReason,
            List<Map<String, Object>> parameterSets,
            List<RenderedApplication> applications,
            List<RenderedApplication> applicationsToApply,
            String validationError,
            Duration requeueAfter,
            boolean deletionAllowed,
            Observations seen) {
        this.error = error;
        this.errorReason = errorReason;
        this.parameterSets = List.copyOf(parameterSets.stream()
                .map(java.util.Collections::unmodifiableMap)
                .toList());
        this.applications = List.copyOf(applications);
        this.applicationsToApply = List.copyOf(applicationsToApply);
        this.validationError = validationError;
        this.requeueAfter = requeueAfter;
        this.deletionAllowed = deletionAllowed;
        this.calls = seen.calls();
        this.replies = seen.replies();
        this.notes = seen.notes();
    }

    /** The {@code ErrorOccurred} condition message when generation or rendering failed. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The condition's reason: {@link #REASON_GENERATION} or {@link #REASON_RENDER}. */
    public Optional<String> errorReason() {
        return Optional.ofNullable(errorReason);
    }

    /** Every parameter set, in generation order (also those made before an error). */
    public List<Map<String, Object>> parameterSets() {
        return parameterSets;
    }

    /** Every Application generated, in generation order; empty after an error. */
    public List<RenderedApplication> applications() {
        return applications;
    }

    /** The Applications Argo creates or updates: those without a validation error, by name. */
    public List<RenderedApplication> applicationsToApply() {
        return applicationsToApply;
    }

    /**
     * The {@code ApplicationValidationError} message (empty or duplicate names), as Argo writes it: the last error by
     * qualified name, with {@code (and N more)}.
     */
    public Optional<String> validationError() {
        return Optional.ofNullable(validationError);
    }

    /**
     * {@code ctrl.Result.RequeueAfter}: 3 minutes after an error; else the minimum of the generators' non-zero values.
     * Zero or negative means no periodic requeue (controller-runtime ignores it).
     */
    public Duration requeueAfter() {
        return requeueAfter;
    }

    /** True when the controller would reconcile again on its own. */
    public boolean requeues() {
        return requeueAfter.isPositive();
    }

    /** Every HTTP exchange with a plugin, in order, tokens masked. */
    public List<RecordedCall> calls() {
        return calls;
    }

    /** Every plugin reply, in call order. */
    public List<PluginReply> replies() {
        return replies;
    }

    /** Argo pitfalls this reconcile ran into (silent empty reply, literal token, ...). */
    public List<CompatibilityNote> notes() {
        return notes;
    }

    /** True when generation failed: Argo creates, updates and deletes nothing. */
    public boolean leavesApplicationsUntouched() {
        return error != null;
    }

    /** True when some plugin answered zero sets without an explicit empty list. */
    public boolean hadSilentEmptyReply() {
        return replies.stream().anyMatch(PluginReply::isSilentEmpty);
    }

    /**
     * The Applications Argo would delete, of those the ApplicationSet owns now: none after an error or when the sync
     * policy forbids deletion, else every one no generator produced this time.
     */
    public List<String> applicationsToDelete(Collection<String> existing) {
        if (error != null || !deletionAllowed) {
            return List.of();
        }
        Set<String> generated =
                applications.stream().map(RenderedApplication::name).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (String name : existing) {
            if (!generated.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return error != null
                ? "Reconciliation[error=" + error + ", requeueAfter=" + requeueAfter + "]"
                : "Reconciliation[applications="
                        + applications.stream().map(RenderedApplication::name).toList() + ", requeueAfter="
                        + requeueAfter + ", notes="
                        + notes.stream().map(CompatibilityNote::id).toList() + "]";
    }
}
