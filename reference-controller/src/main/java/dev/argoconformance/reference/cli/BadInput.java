package dev.argoconformance.reference.cli;

/** Input the command cannot work with: a file it cannot read, a workflow it refuses, a flag that makes no sense. Exit 2. */
final class BadInput extends RuntimeException {

    BadInput(String sentence) {
        super(sentence);
    }
}
