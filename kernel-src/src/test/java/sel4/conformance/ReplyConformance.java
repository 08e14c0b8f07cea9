package sel4.conformance;

/**
 * Names shared by the reply-conformance suite, its manifest check and its runner
 * (docs/reply-conformance.md).
 */
public final class ReplyConformance {
    /** The JUnit tag of the suite; the ordinary surefire run excludes it. */
    public static final String TAG = "reply-conformance";
    /** The package the runner scans for tagged tests. */
    public static final String PACKAGE = "sel4.conformance";
    /** System property naming the expected-failure manifest (a path, or {@value #NO_MANIFEST}). */
    public static final String MANIFEST_PROPERTY = "kreply.conformance.manifest";
    /** Property value (or runner argument) meaning "no expected failures": an empty manifest. */
    public static final String NO_MANIFEST = "none";
    /** The legacy kernel's manifest, relative to the kernel-src module directory. */
    public static final String DEFAULT_MANIFEST = "reply-conformance-manifest.yaml";

    private ReplyConformance() {
    }
}
