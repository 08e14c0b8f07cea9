package kreply.cli.refactor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

import kreply.refactor.change.UnifiedDiff;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.Chooser;

/**
 * Interactive review, like {@code git add -p}: shows each fix's diff and asks y (apply), n (skip),
 * a (apply this and every remaining fix), q (stop; nothing more is applied) or ? (help). End of
 * input counts as q, so a closed stdin never applies anything by accident.
 */
public final class Prompter implements Chooser {
    private final BufferedReader in;
    private final PrintWriter out;

    public Prompter(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Decision decide(AppliedFix preview, int index, int total) {
        out.printf("(%d/%d) %s%n", index, total, preview.fix().summary());
        out.print(UnifiedDiff.of(preview.changes()));
        while (true) {
            out.print("Apply this fix [y,n,a,q,?]? ");
            out.flush();
            String line;
            try {
                line = in.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                out.println();
                return Decision.QUIT;
            }
            switch (line.strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes":
                    return Decision.YES;
                case "n", "no":
                    return Decision.NO;
                case "a", "all":
                    return Decision.ALL;
                case "q", "quit":
                    return Decision.QUIT;
                default:
                    out.println("y - apply this fix");
                    out.println("n - do not apply this fix");
                    out.println("a - apply this fix and all later ones");
                    out.println("q - quit; do not apply this fix or any later one");
                    out.println("? - print help");
            }
        }
    }
}
