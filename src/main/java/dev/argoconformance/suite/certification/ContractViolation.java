package dev.argoconformance.suite.certification;

/** A {@code @must} clause the plugin broke. Its message quotes the clause and shows the exchange. */
public final class ContractViolation extends AssertionError {

    public ContractViolation(String message) {
        super(message);
    }
}
