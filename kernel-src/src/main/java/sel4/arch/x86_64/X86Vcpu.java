package sel4.arch.x86_64;

import java.util.HashMap;
import java.util.Map;
import sel4.object.KernelObject;
import sel4.object.tcb.BoundVcpu;
import sel4.object.tcb.Tcb;

/**
 * A VT-x virtual CPU (seL4's x86 {@code vcpu_t}, include/arch/x86/arch/object/vcpu.h): the VMCS
 * (modelled as an abstract map from VMCS field encoding to value), the I/O permission bitmap (one
 * bit per port, set = trap), the guest general-purpose registers the VMCS does not hold, the
 * associated TCB, the launch / FPU / VPID state, the CR0 and exception-bitmap values the VCPU
 * owner asked for with the copies cached in the VMCS, the guest syscall MSRs and the last EPT root.
 */
public final class X86Vcpu extends KernelObject implements BoundVcpu {
    /** vcpu_gp_register with 64-bit guests: EAX .. EBP, R8 .. R15. */
    public static final int VCPU_EAX = 0;
    public static final int n_vcpu_gp_register = 15;
    /** vcpu_guest_syscall_register. */
    public static final int VCPU_STAR = 0;
    public static final int VCPU_CSTAR = 1;
    public static final int VCPU_LSTAR = 2;
    public static final int VCPU_SYSCALL_MASK = 3;
    public static final int n_vcpu_guest_syscall_register = 4;
    /** VCPU_IOBITMAP_SIZE in bytes: one bit for each of the 65536 ports. */
    public static final int VCPU_IOBITMAP_SIZE = 8192;
    public static final int VPID_INVALID = 0;

    public final Map<Long, Long> vmcs = new HashMap<>();
    public final long[] io = new long[VCPU_IOBITMAP_SIZE / 8];
    public final long[] gp_registers = new long[n_vcpu_gp_register];
    public Tcb vcpuTCB;
    public boolean launched;
    public boolean fpu_active;
    public int vpid;
    public long cr0;
    public long cr0_shadow;
    public long cr0_mask;
    public long exception_bitmap;
    public long cached_exception_bitmap;
    public long cached_cr0_shadow;
    public long cached_cr0_mask;
    public long cached_cr0;
    public final long[] syscall_registers = new long[n_vcpu_guest_syscall_register];
    public long last_ept_root;

    public X86Vcpu(long ptr) {
        super(ptr, X86Layout.seL4_X86_VCPUBits);
    }

    /** Whether port {@code port} traps to the VMM (its bit in the I/O bitmap is set). */
    public boolean portTraps(int port) {
        return (io[port >>> 6] & (1L << (port & 63))) != 0;
    }

    @Override
    public String typeName() {
        return "X86VCPU";
    }
}
