package sel4.labels;

import java.util.Objects;
import sel4.api.InvocationLabel;
import sel4.model.Config;

/**
 * One row of the label-coverage table: an invocation subject (an {@link InvocationLabel} or a
 * {@link Labelless} subject), whether the row shows success or an error, the check it exercises
 * in the words of the decoder ("RangeError [0, mcp]: priority above the authority's MCP"), the
 * kernel configuration it boots, and the scenario that drives it through real syscalls.
 *
 * @param subject the label or label-less subject the row covers
 * @param kind    success or error
 * @param check   what the row shows, starting with the error the caller observes for errors
 * @param config  the configuration of the kernel the scenario boots (architecture, options)
 * @param body    the scenario; it throws an assertion error when the kernel misbehaves
 * @param pinnedDefect null, or the LEGACY-REPLY-BUGS codes of the legacy defect the row pins on
 *                purpose (its reply is the defective one): such rows must change when the defect
 *                is fixed, so they run apart, tagged {@code legacy-form}
 */
record LabelCase(Enum<?> subject, Kind kind, String check, Config config, Body body, String pinnedDefect) {

    /** A scenario run against a freshly booted kernel. */
    @FunctionalInterface
    interface Body {
        void run(Rig rig);
    }

    LabelCase(Enum<?> subject, Kind kind, String check, Config config, Body body) {
        this(subject, kind, check, config, body, null);
    }

    LabelCase {
        Objects.requireNonNull(subject);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(config);
        Objects.requireNonNull(body);
        if (!(subject instanceof InvocationLabel) && !(subject instanceof Labelless)) {
            throw new IllegalArgumentException("a label case covers an InvocationLabel or a Labelless subject: " + subject);
        }
        if (subject == InvocationLabel.InvalidInvocation) {
            throw new IllegalArgumentException("InvalidInvocation is not a label to cover");
        }
        if (check == null || check.isBlank()) {
            throw new IllegalArgumentException("a label case says what it checks");
        }
    }

    /** The name the test runner shows: subject, kind and check. */
    String displayName() {
        return subject.name() + " [" + kind.name().toLowerCase() + "] " + check;
    }
}
