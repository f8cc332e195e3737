package dev.argoconformance.reference.generator;

/**
 * One plugin call of a reconciliation, as Argo CD understood the reply.
 *
 * @param plugin the plugin's ConfigMap name ({@code configMapRef.name})
 * @param shape what the reply amounted to
 * @param detail for {@link ReplyShape#SILENT_EMPTY} why it was empty ({@code "output" is null}); for
 *     {@link ReplyShape#ERROR} the message Argo reports; else empty
 * @param parameterSets how many parameter sets the reply gave
 */
public record PluginReply(String plugin, ReplyShape shape, String detail, int parameterSets) {

    /** True for a reply that gave zero sets without saying so. */
    public boolean isSilentEmpty() {
        return shape == ReplyShape.SILENT_EMPTY;
    }
}
