// contract: X86IOPortIn8 answers a Call with the 8-bit value at the port and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;

/** The 8-bit port input. */
class X86IoPortIn8ConformanceTest extends X86IoPortInConformance {
    X86IoPortIn8ConformanceTest() {
        super(InvocationLabel.X86IOPortIn8, 1);
    }
}
