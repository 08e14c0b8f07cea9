package kreply.explore.config;

/**
 * Where a thread blocks when the system starts: a receive on an endpoint (offering a reply object,
 * or none) or a wait on a notification. Servers and VMMs start this way; the search takes over
 * from there.
 */
public record WaitSpec(String object, String reply, boolean onEndpoint) {
}
