package kreply.explore.protocol;

import java.util.List;

/**
 * The engine's answer. {@code status} is {@code violation} or {@code clean} for searches and
 * replays ({@code diverged} for a replay whose event could not happen), {@code error} for a
 * problem with the input (bad configuration, bad trace, a system the kernel refuses to build),
 * and {@code internal} for a bug in kreply ({@code error} then holds the stack trace).
 * {@code finding} is the (first) violation of a search; {@code variants} lists one finding per
 * #346 variant (and other violations) for a variants search; {@code replay} holds a replay's
 * steps; {@code note} explains a replay that did not reproduce its recorded violation.
 */
public record EngineResponse(String status, String error, FindingReport finding, List<FindingReport> variants,
                             List<StepReport> replay, ViolationReport replayViolation, String note, StatsReport stats) {

    public EngineResponse {
        variants = variants == null ? List.of() : List.copyOf(variants);
        replay = replay == null ? List.of() : List.copyOf(replay);
    }

    public static EngineResponse error(String message) {
        return new EngineResponse("error", message, null, null, null, null, null, null);
    }

    public static EngineResponse internal(String stackTrace) {
        return new EngineResponse("internal", stackTrace, null, null, null, null, null, null);
    }
}
