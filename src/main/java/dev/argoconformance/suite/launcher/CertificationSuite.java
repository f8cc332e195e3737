package dev.argoconformance.suite.launcher;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PUBLISH_QUIET_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/**
 * What a certification runs, spelt once: the features of the four plugin kinds through Cucumber, with the suite's
 * steps and its one Cucumber plugin. {@code java -jar} selects this class ({@link Certification#request()}); Maven's
 * {@code CertifyPluginTest} inherits it (the annotations are {@code @Inherited}), so both run the same request.
 */
@Suite
@IncludeEngines("cucumber")
@SelectPackages({"features.executor", "features.generator", "features.controller", "features.manifest"})
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.argoconformance.suite.steps")
@ConfigurationParameter(
        key = PLUGIN_PROPERTY_NAME,
        value = "dev.argoconformance.suite.certification.CertificationPlugin")
@ConfigurationParameter(key = PLUGIN_PUBLISH_QUIET_PROPERTY_NAME, value = "true")
@ConfigurationParameter(key = JUNIT_PLATFORM_NAMING_STRATEGY_PROPERTY_NAME, value = "long")
class CertificationSuite {}
