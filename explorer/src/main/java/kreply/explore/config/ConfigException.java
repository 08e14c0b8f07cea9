package kreply.explore.config;

/**
 * A scenario configuration that cannot be used: unreadable, not YAML / JSON, or describing a
 * system the explorer cannot build. The message is one line that names the file and the field.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
