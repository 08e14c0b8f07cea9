package sel4.labels;

/**
 * The subjects of the coverage table that are not invocation labels (KERNEL-REFERENCE §5.3 and
 * §5.8): the label-less invocations of endpoint, notification, reply and SGI-signal caps, whose
 * label the kernel ignores, and the MCS first-phase rule that decides which caps may be invoked
 * in the send phase of ReplyRecv, NBSendRecv and NBSendWait.
 */
enum Labelless {
    ENDPOINT,
    NOTIFICATION,
    REPLY,
    SGI_SIGNAL,
    FIRST_PHASE_RULE
}
