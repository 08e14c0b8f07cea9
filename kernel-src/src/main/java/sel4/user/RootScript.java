package sel4.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The root task's code: an append-only instruction list. Each piece of root work the harness
 * asks for is appended (with its labels shifted to where it lands), so the root thread executes
 * its work in order, and its end stays open: reaching it means "waiting for more work".
 */
final class RootScript implements Code {
    private final List<Instruction> instructions = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();

    /** Appends the builder's instructions (no exit) and returns the address of the first one. */
    int append(ProgramBuilder b) {
        int base = instructions.size();
        instructions.addAll(b.instructions());
        b.labels().forEach((name, at) -> labels.put(name, base + at));
        return base;
    }

    int size() {
        return instructions.size();
    }

    @Override
    public Instruction fetch(long pc) {
        return pc >= 0 && pc < instructions.size() ? instructions.get((int) pc) : null;
    }

    @Override
    public boolean isOpenEnd(long pc) {
        return pc == instructions.size();
    }

    @Override
    public long labelAddress(String label) {
        Integer at = labels.get(label);
        if (at == null) {
            throw new IllegalArgumentException("no label '" + label + "' in the root script");
        }
        return at;
    }

    @Override
    public String name() {
        return "rootserver";
    }
}
