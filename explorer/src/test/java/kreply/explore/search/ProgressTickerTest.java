// contract: while a search runs, its progress is reported twice a second as phase, done and total; closing the ticker sends a last report and stops, and without a sink nothing runs.
package kreply.explore.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTickerTest {
    @Test
    void reportsUntilClosed() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        AtomicLong done = new AtomicLong(7);
        try (ProgressTicker t = ProgressTicker.start(lines::add, "exploring", done::get, 100)) {
            Thread.sleep(1300);
        }
        int seen = lines.size();
        assertThat(seen).as("two or so ticks and the last report").isBetween(2, 4);
        assertThat(lines).allMatch(l -> l.equals("exploring\t7\t100"));
        Thread.sleep(700);
        assertThat(lines).hasSize(seen);
    }

    @Test
    void withoutASinkNothingIsReported() {
        try (ProgressTicker t = ProgressTicker.start(null, "exploring", () -> 1, 1)) {
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(th -> th.getName().equals("kreply-explore-progress"));
        }
    }
}
