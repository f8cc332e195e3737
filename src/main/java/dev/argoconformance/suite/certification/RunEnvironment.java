package dev.argoconformance.suite.certification;

/** Where a run happened, for reproducibility: the suite commit, the JVM, the Docker engine, the seed of generated inputs. */
record RunEnvironment(String commit, String java, String docker, long inputSeed) {}
