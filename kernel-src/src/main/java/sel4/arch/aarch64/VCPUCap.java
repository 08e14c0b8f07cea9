package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/** ARM VCPU capability (cap_vcpu_cap; Haskell VCPUCap). */
public record VCPUCap(Vcpu vcpu) implements ArchCap {
    @Override
    public boolean isPhysical() {
        return true;
    }
}
