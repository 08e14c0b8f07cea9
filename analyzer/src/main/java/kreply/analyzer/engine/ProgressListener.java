package kreply.analyzer.engine;

/** Receives progress of a long analysis: the phase name and how far it is ({@code total} 0 when unknown). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (phase, done, total) -> { };

    void progress(String phase, long done, long total);
}
