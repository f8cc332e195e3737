package dev.argoconformance.reference.cli;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The entry point of both runnable jars (the reference controller's and the conformance suite's),
 * compiled for Java 8 so that an older {@code java} can run it: it says in one sentence which Java
 * they need, where the JVM would throw an UnsupportedClassVersionError. On Java 21 or newer it
 * hands over to the class its jar's manifest names in {@value #GATED_MAIN_CLASS}, by name, so that
 * verifying this class never loads one an old JVM cannot read.
 */
public final class JavaVersionGate {

    static final int REQUIRED = 21;
    static final String GATED_MAIN_CLASS = "Gated-Main-Class";

    private JavaVersionGate() {}

    public static void main(String[] args) throws Throwable {
        File jar = new File(JavaVersionGate.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Attributes manifest;
        try (JarFile file = new JarFile(jar)) {
            manifest = file.getManifest().getMainAttributes();
        }
        String version = System.getProperty("java.specification.version");
        if (feature(version) < REQUIRED) {
            System.err.println(manifest.getValue(Attributes.Name.IMPLEMENTATION_TITLE) + " needs Java " + REQUIRED
                    + " or newer, and this is Java " + version + " (" + System.getProperty("java.home")
                    + "): run it with a JDK "
                    + REQUIRED + "+ java, e.g. $JAVA_HOME/bin/java -jar " + jar.getName() + ".");
            System.exit(2);
        }
        try {
            Class.forName(manifest.getValue(GATED_MAIN_CLASS))
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** 8 for "1.8", 17 for "17". */
    static int feature(String specificationVersion) {
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = v.indexOf('.');
        return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
    }
}
