package kreply.explore.driver;

/** A configured device interrupt: its name, controller line, and the CPtr of its handler cap. */
record IrqLine(String name, int line, long handlerCptr) {
}
