package sel4.arch.x86_64;

/**
 * The x86_64 hardware beyond the generic machine, attached to {@code machine.archHardware()}:
 * the I/O port devices and the VT-x unit (VMCS storage and CR3).
 */
public final class X86Hardware {
    private final IoPortDevices ioPorts = new IoPortDevices();
    private final VmxHardware vmx = new VmxHardware();

    public IoPortDevices ioPorts() {
        return ioPorts;
    }

    public VmxHardware vmx() {
        return vmx;
    }
}
