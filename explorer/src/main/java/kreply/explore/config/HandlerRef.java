package kreply.explore.config;

/** A fault or timeout handler: the endpoint the kernel sends the fault to, and the badge it carries. */
public record HandlerRef(String endpoint, long badge) {
}
