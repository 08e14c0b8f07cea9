// contract: every local-variable and parameter reference of a method resolves to the same declaration Spoon finds, whether its name is unique in the method (fast path) or declared several times in nested scopes, lambdas and local classes (Spoon's lookup).
package kreply.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kreply.analyzer.TestSources;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.model.Scan;
import kreply.analyzer.model.SourceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spoon.reflect.reference.CtVariableReference;

class VariableDeclarationsTest {
    @TempDir
    Path dir;

    @Test
    void resolvesLikeSpoonInEveryScope() throws Exception {
        TestSources.write(dir, Map.of("p/C.java", """
                package p;
                import java.util.List;
                import java.util.function.IntUnaryOperator;
                public class C {
                    int f;
                    int m(int p, List<Integer> xs) {
                        int unique = p + f;
                        for (int i = 0; i < p; i++) { unique += i; }
                        for (int i = 1; i < 3; i++) { unique -= i; }
                        { int t = 1; unique += t; }
                        { int t = 2; unique *= t; }
                        IntUnaryOperator op = v -> { int t = v + unique; return t; };
                        class L { int k(int q) { int t = q; return t + p; } }
                        for (int x : xs) { unique += x; }
                        try { unique++; } catch (RuntimeException e) { int t = 5; unique += t; }
                        Object o = xs;
                        if (o instanceof List<?> l && !l.isEmpty()) { unique += l.size(); }
                        return op.applyAsInt(unique) + new L().k(unique);
                    }
                }
                """));
        MethodTable table = new MethodTable(SourceModel.build(List.of(dir), dir));
        MethodInfo m = table.get("p.C#m(int,java.util.List)");
        VariableDeclarations decls = new VariableDeclarations();
        List<CtVariableReference<?>> refs = Scan.all(m.exec(), CtVariableReference.class);
        assertThat(refs).hasSizeGreaterThan(30);
        for (CtVariableReference<?> r : refs) {
            assertThat(decls.of(r)).as(r + " at line " + r.getParent().getPosition().getLine())
                    .isSameAs(r.getDeclaration());
        }
        // memoised: asking again gives the same answer
        for (CtVariableReference<?> r : refs) {
            assertThat(decls.of(r)).isSameAs(r.getDeclaration());
        }
    }
}
