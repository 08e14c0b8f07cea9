package kreply.explore.trace;

/**
 * The system calls a configured thread can make, by the kind of cap they use: endpoint IPC (with
 * MCS reply objects), notifications, the reply itself, and the few object invocations a VMM or a
 * driver needs (VCPU InjectIRQ / AckVPPI, IRQHandler Ack).
 */
public enum SyscallOp {
    CALL("Call"),
    SEND("Send"),
    NBSEND("NBSend"),
    RECV("Recv"),
    NBRECV("NBRecv"),
    REPLY_RECV("ReplyRecv"),
    REPLY("Reply"),
    WAIT("Wait"),
    NBWAIT("NBWait"),
    SIGNAL("Signal"),
    YIELD("Yield"),
    INJECT_IRQ("InjectIRQ"),
    ACK_VPPI("AckVPPI"),
    IRQ_ACK("IRQAck");

    private final String jsonName;

    SyscallOp(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static SyscallOp fromJson(String s) {
        for (SyscallOp o : values()) {
            if (o.jsonName.equals(s)) {
                return o;
            }
        }
        return null;
    }

    /** Whether the op sends a message whose label and length the search chooses. */
    public boolean sendsMessage() {
        return this == CALL || this == SEND || this == NBSEND || this == REPLY_RECV || this == REPLY;
    }

    /** Whether the op offers a reply object (reply register). */
    public boolean usesReply() {
        return this == RECV || this == NBRECV || this == REPLY_RECV;
    }
}
