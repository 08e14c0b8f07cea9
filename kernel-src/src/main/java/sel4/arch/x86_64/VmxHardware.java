package sel4.arch.x86_64;

import sel4.arch.common.PageTable;

/**
 * The VT-x side of the modelled x86_64 CPU (seL4's src/arch/x86/object/vcpu.c vmptrld / vmclear /
 * vmread / vmwrite and the VMX capability MSRs read by init_vtx_fixed_values): the current-VMCS
 * pointer, VMCS access through it, the fixed-bit constraints of the control fields, CR0 and CR4,
 * and the IA32_VMX_MISC MSR. Also holds CR3, the installed VSpace root.
 *
 * <p>The fixed bits are those of a typical VT-x part: a "high" mask of bits that must be 1 and a
 * "low" mask of bits that may be 1 (applyFixedBits = (v | high) &amp; low).
 */
public final class VmxHardware {
    public static final long pin_control_high = 0x16L;
    public static final long pin_control_low = 0x7fL;
    public static final long primary_control_high = 0x0401e172L;
    public static final long primary_control_low = 0xfff9fffeL;
    public static final long secondary_control_high = 0x0L;
    public static final long secondary_control_low = 0x000fffffL;
    public static final long entry_control_high = 0x11ffL;
    public static final long entry_control_low = 0x3ffffL;
    public static final long exit_control_high = 0x36dffL;
    public static final long exit_control_low = 0x3fffffL;
    public static final long cr0_high = 0x80000021L;
    public static final long cr0_low = 0xffffffffL;
    public static final long cr4_high = 0x2000L;
    public static final long cr4_low = 0x3727ffL;
    /** IA32_VMX_MISC of the modelled CPU. */
    public static final long IA32_VMX_MISC_VALUE = 0x000000000403c1e5L;

    private X86Vcpu current;
    private long vmptrldCount;
    private PageTable cr3Root;
    private long cr3Asid;

    /** vmptrld: makes {@code vcpu}'s VMCS the one vmread / vmwrite act on. */
    public void vmptrld(X86Vcpu vcpu) {
        current = vcpu;
        vmptrldCount++;
    }

    /** vmclear: no VMCS is current any more. */
    public void vmclear() {
        current = null;
    }

    public X86Vcpu currentVmcs() {
        return current;
    }

    public long vmptrldCount() {
        return vmptrldCount;
    }

    /** vmread from the current VMCS; fields never written read as 0. */
    public long vmread(long field) {
        if (current == null) {
            return 0;
        }
        return current.vmcs.getOrDefault(field, 0L);
    }

    /** vmwrite to the current VMCS. */
    public void vmwrite(long field, long value) {
        if (current != null) {
            current.vmcs.put(field, value);
        }
    }

    public void setCR3(PageTable root, long asid) {
        cr3Root = root;
        cr3Asid = asid;
    }

    public PageTable cr3Root() {
        return cr3Root;
    }

    public long cr3Asid() {
        return cr3Asid;
    }
}
