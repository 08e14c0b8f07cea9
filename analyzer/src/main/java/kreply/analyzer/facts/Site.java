package kreply.analyzer.facts;

/** A source location inside a method: the method id and the line. */
public record Site(String method, int line) {
}
