package sel4.user;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An immutable user program: a list of instructions ending with {@link Instruction.Exit}, plus
 * named labels. Built with {@link ProgramBuilder}; the same program may be loaded into several
 * threads.
 */
public final class Program implements Code {
    private final String name;
    private final List<Instruction> instructions;
    private final Map<String, Integer> labels;

    Program(String name, List<Instruction> instructions, Map<String, Integer> labels) {
        this.name = name;
        this.instructions = List.copyOf(instructions);
        this.labels = Map.copyOf(labels);
    }

    /** Builds a program: {@code body} appends instructions, the builder appends the exit. */
    public static Program build(String name, Consumer<ProgramBuilder> body) {
        ProgramBuilder b = new ProgramBuilder();
        body.accept(b);
        return b.build(name);
    }

    @Override
    public Instruction fetch(long pc) {
        return pc >= 0 && pc < instructions.size() ? instructions.get((int) pc) : null;
    }

    @Override
    public boolean isOpenEnd(long pc) {
        return false;
    }

    @Override
    public long labelAddress(String label) {
        Integer at = labels.get(label);
        if (at == null) {
            throw new IllegalArgumentException("no label '" + label + "' in program " + name);
        }
        return at;
    }

    @Override
    public String name() {
        return name;
    }

    public int size() {
        return instructions.size();
    }

    public List<Instruction> instructions() {
        return instructions;
    }

    @Override
    public String toString() {
        return "program " + name + " (" + instructions.size() + " instructions)";
    }
}
