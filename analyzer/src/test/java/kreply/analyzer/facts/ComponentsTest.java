// contract: strongly connected components come out bottom-up (every component after all components it reaches), cycles stay together, and a call chain deeper than the Java stack is handled.
package kreply.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentsTest {
    @Test
    void cyclesAreOneComponentAndCalleesComeFirst() {
        // root -> a <-> b -> leaf ; root -> c -> c (self loop) ; c -> leaf
        Map<String, List<String>> g = Map.of(
                "root", List.of("a", "c"),
                "a", List.of("b"),
                "b", List.of("a", "leaf"),
                "c", List.of("c", "leaf"),
                "leaf", List.of());
        List<List<String>> order = Components.bottomUp(List.of("root", "a", "b", "c", "leaf"), g::get);

        assertThat(order).hasSize(4);
        assertThat(order.get(0)).containsExactly("leaf");
        assertThat(order).anySatisfy(comp -> assertThat(comp).containsExactlyInAnyOrder("a", "b"));
        assertThat(order).anySatisfy(comp -> assertThat(comp).containsExactly("c"));
        assertThat(order.get(order.size() - 1)).containsExactly("root");
        assertReachedComponentsComeFirst(order, g);
    }

    @Test
    void aChainDeeperThanTheStackIsHandled() {
        int n = 200_000;
        Map<String, List<String>> g = new HashMap<>();
        List<String> vertices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vertices.add("m" + i);
            g.put("m" + i, i + 1 < n ? List.of("m" + (i + 1)) : List.of("m0"));
        }
        List<List<String>> order = Components.bottomUp(vertices, g::get);
        // the back edge closes the chain into one big cycle
        assertThat(order).hasSize(1);
        assertThat(order.get(0)).hasSize(n);
    }

    @Test
    void everyVertexIsInExactlyOneComponent() {
        Map<String, List<String>> g = Map.of("x", List.of("y"), "y", List.of("z"), "z", List.of("y"), "w", List.of());
        List<List<String>> order = Components.bottomUp(List.of("x", "y", "z", "w"), g::get);
        assertThat(order.stream().flatMap(List::stream)).containsExactlyInAnyOrder("x", "y", "z", "w");
        assertReachedComponentsComeFirst(order, g);
    }

    private static void assertReachedComponentsComeFirst(List<List<String>> order, Map<String, List<String>> g) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            for (String v : order.get(i)) {
                pos.put(v, i);
            }
        }
        g.forEach((v, succ) -> succ.forEach(w -> assertThat(pos.get(w)).as(v + " -> " + w)
                .isLessThanOrEqualTo(pos.get(v))));
    }
}
