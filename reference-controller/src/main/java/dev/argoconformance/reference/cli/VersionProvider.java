package dev.argoconformance.reference.cli;

import picocli.CommandLine;

/** The jar's version (its manifest's Implementation-Version) and the Argo behaviour it follows. */
final class VersionProvider implements CommandLine.IVersionProvider {

    static final String ARGO_REFERENCE = "Argo Workflows v4.1.2";

    @Override
    public String[] getVersion() {
        String version = ReferenceController.class.getPackage().getImplementationVersion();
        return new String[] {
            "argo-reference " + (version == null ? "(development build)" : version),
            "Calls executor plugins as " + ARGO_REFERENCE + " does."
        };
    }
}
