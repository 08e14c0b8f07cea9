package sel4.arch.x86_64;

import sel4.object.cap.ArchCap;

/** VT-x VCPU capability (x86 cap_vcpu_cap). */
public record X86VCPUCap(X86Vcpu vcpu) implements ArchCap {
    @Override
    public boolean isPhysical() {
        return true;
    }
}
