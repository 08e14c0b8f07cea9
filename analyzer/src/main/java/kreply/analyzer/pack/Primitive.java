package kreply.analyzer.pack;

import java.util.Map;

/**
 * One primitive operation named by a pack (a write, a read, a buffer source, a thread-state setter or
 * a queue operation): matched by simple name and arity, optionally by the simple name of the
 * receiver's declaring type. {@code args} maps a role ({@code thread}, {@code buffer},
 * {@code index}, {@code word}, {@code value}, {@code register}, {@code isReceiver}, {@code state})
 * to an argument position; position -1 stands for the receiver expression ({@code buffer.set}).
 */
public record Primitive(String kind, String name, int arity, String receiverType, Map<String, Integer> args,
                        int words, boolean returnsLength, String fixedState) {
    public Primitive {
        args = Map.copyOf(args);
    }

    /** Position of a role, or {@code Integer.MIN_VALUE} if the primitive has no such argument. */
    public int arg(String role) {
        return args.getOrDefault(role, Integer.MIN_VALUE);
    }

    public boolean has(String role) {
        return args.containsKey(role);
    }

    public static final int RECEIVER = -1;
}
