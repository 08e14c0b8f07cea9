package kreply.explore.trace;

/**
 * The faulting instructions a thread can execute: an undefined instruction (user exception), an
 * unknown syscall number, a data abort, and — for a thread running a guest on its VCPU — a trap to
 * the hypervisor.
 */
public enum FaultKind {
    USER("user"),
    UNKNOWN_SYSCALL("unknown-syscall"),
    VM("vm"),
    VCPU("vcpu");

    private final String jsonName;

    FaultKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static FaultKind fromJson(String s) {
        for (FaultKind f : values()) {
            if (f.jsonName.equals(s)) {
                return f;
            }
        }
        return null;
    }
}
