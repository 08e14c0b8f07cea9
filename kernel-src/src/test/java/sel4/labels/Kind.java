package sel4.labels;

/** Whether a label case shows the invocation succeeding or one of the errors its decoder checks. */
enum Kind {
    SUCCESS,
    ERROR
}
