package kreply.refactor.engine;

/**
 * Decides, fix by fix, what an interactive review keeps (like {@code git add -p}): this one, not
 * this one, this and all the rest, or stop here.
 */
@FunctionalInterface
public interface Chooser {
    enum Decision { YES, NO, ALL, QUIT }

    Decision decide(AppliedFix preview, int index, int total);
}
