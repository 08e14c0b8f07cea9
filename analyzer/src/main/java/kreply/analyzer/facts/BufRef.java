package kreply.analyzer.facts;

/**
 * Where an IPC-buffer value may come from: a buffer source call ({@code lookupIPCBuffer}) with its
 * isReceiver flag (null when not a constant) and thread, marked when it is the decode-time buffer
 * of the invocation entry; a method parameter (resolved later through the callers); or null.
 */
public record BufRef(Kind kind, Boolean isReceiver, ThreadRef thread, boolean decodeTime, String method, int param,
                     String where) {
    public enum Kind {
        SOURCE,
        PARAM,
        NULL
    }

    public static final BufRef NULL = new BufRef(Kind.NULL, null, null, false, null, -1, null);

    public static BufRef source(Boolean isReceiver, ThreadRef thread, boolean decodeTime, String where) {
        return new BufRef(Kind.SOURCE, isReceiver, thread, decodeTime, null, -1, where);
    }

    public static BufRef param(String method, int i) {
        return new BufRef(Kind.PARAM, null, null, false, method, i, null);
    }

    public BufRef withThread(ThreadRef t) {
        return new BufRef(kind, isReceiver, t, decodeTime, method, param, where);
    }

    /** A buffer looked up with read authority only (isReceiver false): the kernel may not write it. */
    public boolean readAuthority() {
        return kind == Kind.SOURCE && Boolean.FALSE.equals(isReceiver);
    }

    public String describe() {
        return switch (kind) {
            case NULL -> "no buffer";
            case PARAM -> "a buffer parameter";
            case SOURCE -> decodeTime ? "the decode-time buffer (looked up with isReceiver = false"
                    + (where == null ? "" : " in " + where) + ")"
                    : "a buffer looked up with isReceiver = " + (isReceiver == null ? "?" : isReceiver)
                    + (where == null ? "" : " in " + where);
        };
    }
}
