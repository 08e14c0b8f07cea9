// contract: Scan collects exactly what Spoon's getElements(TypeFilter) returns — same elements, same order, the root included — for one kind or several kinds in one pass.
package kreply.analyzer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kreply.analyzer.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtBlock;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtType;
import spoon.reflect.visitor.filter.TypeFilter;

class ScanTest {
    @TempDir
    Path dir;

    @Test
    void sameElementsInTheSameOrderAsSpoonsQuery() throws Exception {
        TestSources.write(dir, Map.of("p/A.java", """
                package p;
                import java.util.function.IntSupplier;
                public class A {
                    static int f = new A().g(1);
                    int g(int x) {
                        int y = x + h();
                        IntSupplier s = () -> { int z = y * 2; return z + h(); };
                        class Local { int k() { int w = 3; return w; } }
                        return s.getAsInt() + new Local().k() + new Object() { int q() { return 1; } }.q();
                    }
                    static int h() { return 4; }
                    enum E { X, Y; int v() { return ordinal(); } }
                }
                """));
        SourceModel sm = SourceModel.build(List.of(dir), dir);
        var model = sm.model();
        for (Class<?> kind : List.of(CtType.class, CtAbstractInvocation.class, CtLocalVariable.class,
                CtExpression.class, CtElement.class)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<CtElement> expected = model.getElements(new TypeFilter(kind));
            @SuppressWarnings("unchecked")
            List<CtElement> actual = (List<CtElement>) Scan.all(model.getAllModules(), List.of(kind)).get(0);
            assertThat(actual).as(kind.getSimpleName()).usingElementComparator((a, b) -> a == b ? 0 : 1)
                    .containsExactlyElementsOf(expected);
        }
        CtBlock<?> body = new MethodTable(sm).get("p.A#g(int)").exec().getBody();
        List<CtElement> all = Scan.all(body, CtElement.class);
        assertThat(all.get(0)).isSameAs(body);
        assertThat(all).usingElementComparator((a, b) -> a == b ? 0 : 1)
                .containsExactlyElementsOf(body.getElements(new TypeFilter<>(CtElement.class)));
    }

    @Test
    void severalKindsInOnePassKeepEachKindsOrder() throws Exception {
        TestSources.write(dir, Map.of("p/B.java", """
                package p;
                public class B {
                    int a() { int x = b(); return x + b(); }
                    int b() { int y = 1; return y; }
                }
                """));
        var model = SourceModel.build(List.of(dir), dir).model();
        List<List<?>> found = Scan.all(model.getAllModules(), List.of(CtLocalVariable.class,
                CtAbstractInvocation.class));
        assertThat(elements(found.get(0))).usingElementComparator((a, b) -> a == b ? 0 : 1)
                .containsExactlyElementsOf(model.getElements(new TypeFilter<>(CtLocalVariable.class)));
        assertThat(elements(found.get(1))).usingElementComparator((a, b) -> a == b ? 0 : 1)
                .containsExactlyElementsOf(model.getElements(new TypeFilter<>(CtAbstractInvocation.class)));
        assertThat(found.get(1)).hasSize(3); // two calls of b() and the implicit super() of the default constructor
    }

    @SuppressWarnings("unchecked")
    private static List<CtElement> elements(List<?> l) {
        return (List<CtElement>) l;
    }
}
