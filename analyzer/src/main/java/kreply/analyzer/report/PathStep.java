package kreply.analyzer.report;

/**
 * One node of a witness call path: a method id, where it is declared, and the kind of the call
 * edge that led to it from the previous step (null for the entry point). Edge kinds are the call
 * graph's reasons: {@code call}, {@code virtual}, {@code constructor}, {@code super},
 * {@code method-ref}, {@code lambda}.
 */
public record PathStep(String methodId, String file, int line, String edgeKind) {
}
