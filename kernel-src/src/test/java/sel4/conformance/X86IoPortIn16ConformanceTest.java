// contract: X86IOPortIn16 answers a Call with the 16-bit value at the port and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;

/** The 16-bit port input. */
class X86IoPortIn16ConformanceTest extends X86IoPortInConformance {
    X86IoPortIn16ConformanceTest() {
        super(InvocationLabel.X86IOPortIn16, 2);
    }
}
