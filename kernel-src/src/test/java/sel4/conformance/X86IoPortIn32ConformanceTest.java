// contract: X86IOPortIn32 answers a Call with the 32-bit value at the port and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;

/** The 32-bit port input. */
class X86IoPortIn32ConformanceTest extends X86IoPortInConformance {
    X86IoPortIn32ConformanceTest() {
        super(InvocationLabel.X86IOPortIn32, 4);
    }
}
