package dev.argoconformance.suite.launcher;

/**
 * {@code ./mvnw verify -Dplugin.image=IMG}: certifies one plugin with the features, one Surefire
 * test per requirement. Options come from -D properties; the profile filter picks the scenarios.
 * The request is {@link CertificationSuite}'s, inherited, so Maven runs what {@code java -jar} runs.
 */
class CertifyPluginTest extends CertificationSuite {}
