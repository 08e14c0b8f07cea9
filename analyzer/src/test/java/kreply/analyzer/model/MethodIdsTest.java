// contract: method ids are stable strings pkg.Class#name(T1,T2) with erased fully qualified parameter types, nested classes as Outer$Inner and constructors as <init>.
package kreply.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kreply.analyzer.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodIdsTest {
    @TempDir
    Path dir;

    @Test
    void idsUseErasedQualifiedTypes() throws Exception {
        TestSources.write(dir, Map.of("p/A.java", """
                package p;
                import java.util.List;
                public class A<T extends Number> {
                    public A(int x) { }
                    static { }
                    <U> void gen(T t, U u, List<String> l, long[] arr, String... rest) { }
                    static class Inner {
                        int twice(int v) { return 2 * v; }
                    }
                    Runnable anon() {
                        return new Runnable() { public void run() { } };
                    }
                }
                """));
        MethodTable t = new MethodTable(SourceModel.build(List.of(dir), dir));
        assertThat(t.all()).extracting(MethodInfo::id).contains(
                "p.A#<init>(int)",
                "p.A#<clinit>()",
                "p.A#gen(java.lang.Number,java.lang.Object,java.util.List,long[],java.lang.String[])",
                "p.A$Inner#twice(int)",
                "p.A#anon()",
                "p.A$1#run()");
        MethodInfo twice = t.get("p.A$Inner#twice(int)");
        assertThat(twice.shortName()).isEqualTo("p.A$Inner#twice");
        assertThat(twice.simpleName()).isEqualTo("twice");
        assertThat(twice.file()).isEqualTo("p/A.java");
        assertThat(twice.line()).isEqualTo(8);
        assertThat(twice.paramNames()).containsExactly("v");
    }

    @Test
    void helpersParseIds() {
        String id = "a.b.C$D#m(int,java.lang.String)";
        assertThat(MethodIds.shortForm(id)).isEqualTo("a.b.C$D#m");
        assertThat(MethodIds.simpleName(id)).isEqualTo("m");
        assertThat(MethodIds.typeOf(id)).isEqualTo("a.b.C$D");
        assertThat(MethodIds.arity(id)).isEqualTo(2);
        assertThat(MethodIds.arity("a.C#m()")).isZero();
    }
}
