package kreply.analyzer.pack;

/** A rule-pack validation error naming the file and the offending key. */
public final class PackException extends Exception {
    private static final long serialVersionUID = 1L;

    public PackException(String file, String key, String problem) {
        super("rule pack " + file + ": key '" + key + "': " + problem);
    }
}
