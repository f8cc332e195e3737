package dev.argoconformance.suite.regression;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * {@code ./mvnw -pl src verify -Dtest=ReferenceControllerRegressionTest}: the reference controller's own regression
 * suite. The features in features/reference drive it against the fault plugins of sample-plugins/faults, real
 * containers that misbehave on purpose, and check what it did: node phases and messages, calls and their timing.
 * Its glue is this package, under src/test so the shipped jar never carries it; it writes no certification.
 * Needs Docker: {@code -Pfast} leaves it out by name (a suite class's tags do not reach its scenarios).
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("features.reference")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.argoconformance.suite.regression")
@ConfigurationParameter(
        key = PLUGIN_PROPERTY_NAME,
        value = "pretty, junit:../reports/reference-controller/TEST-reference-controller.xml")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ConfigurationParameter(key = JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME, value = "long")
class ReferenceControllerRegressionTest {}
