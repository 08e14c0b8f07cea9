package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.X86IOPortControlIssue;
import static sel4.api.InvocationLabel.X86IOPortIn16;
import static sel4.api.InvocationLabel.X86IOPortIn32;
import static sel4.api.InvocationLabel.X86IOPortIn8;
import static sel4.api.InvocationLabel.X86IOPortOut16;
import static sel4.api.InvocationLabel.X86IOPortOut32;
import static sel4.api.InvocationLabel.X86IOPortOut8;
import static sel4.api.InvocationLabel.X86PageGetAddress;
import static sel4.api.InvocationLabel.X86VCPUDisableIOPort;
import static sel4.api.InvocationLabel.X86VCPUEnableIOPort;
import static sel4.api.InvocationLabel.X86VCPUReadMSR;
import static sel4.api.InvocationLabel.X86VCPUReadVMCS;
import static sel4.api.InvocationLabel.X86VCPUSetTCB;
import static sel4.api.InvocationLabel.X86VCPUWriteMSR;
import static sel4.api.InvocationLabel.X86VCPUWriteRegisters;
import static sel4.api.InvocationLabel.X86VCPUWriteVMCS;
import static sel4.labels.CallerView.dataReply;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.revokeFirst;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.ROOT_VSPACE;
import static sel4.labels.Rig.caps;

import java.util.List;
import java.util.Map;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.arch.x86_64.IOPortCap;
import sel4.arch.x86_64.IoPortDevices;
import sel4.arch.x86_64.VmcsFields;
import sel4.arch.x86_64.VmxHardware;
import sel4.arch.x86_64.X86Layout;
import sel4.arch.x86_64.X86VCPUCap;
import sel4.arch.x86_64.X86Vcpu;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The x86_64 subset (KERNEL-REFERENCE §5.6) on an x86_64 kernel: I/O port control and I/O ports
 * (In is the conforming data reply), the VT-x VCPU labels (ReadVMCS, WriteVMCS, ReadMSR, WriteMSR
 * in their legacy O forms: MR0 written through the decode-time buffer, then Restart, so a Call
 * observes length 0 over the word) and X86PageGetAddress (legacy A0 form).
 */
final class X86Cases implements CaseFamily {
    private static final long PORT_CONTROL = BootInfoSlots.seL4_CapIOPortControl;
    private static final int FIRST = 0x60;
    private static final int LAST = 0x67;
    private static final Map<InvocationLabel, Integer> IN = Map.of(X86IOPortIn8, 1, X86IOPortIn16, 2, X86IOPortIn32, 4);
    private static final Map<InvocationLabel, Integer> OUT = Map.of(X86IOPortOut8, 1, X86IOPortOut16, 2,
            X86IOPortOut32, 4);

    @Override
    public String name() {
        return "x86_64 I/O ports, VT-x VCPU, frames";
    }

    private static IoPortDevices devices(Rig r) {
        return r.x86().hardware().ioPorts();
    }

    static long ioPort(Rig r, int first, int last) {
        long dest = r.free();
        r.setUp(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), first, last, dest, DEPTH);
        return dest;
    }

    static long vcpu(Rig r) {
        return r.retype(X86Layout.seL4_X86_VCPUObject, 0);
    }

    private static X86Vcpu vcpuOf(Rig r, long cap) {
        return ((X86VCPUCap) r.cap(cap)).vcpu();
    }

    private static long mask(int width) {
        return width == 4 ? 0xffff_ffffL : (1L << (8 * width)) - 1;
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.x86_64());
        portControl(c);
        for (Map.Entry<InvocationLabel, Integer> e : IN.entrySet()) {
            portIn(c, e.getKey(), e.getValue());
        }
        for (Map.Entry<InvocationLabel, Integer> e : OUT.entrySet()) {
            portOut(c, e.getKey(), e.getValue());
        }
        vcpuLabels(c);
        msrs(c);
        ioPermissions(c);
        c.legacySuccess(X86PageGetAddress, "C", "legacy A0 form: MR0 = physical address, msgInfo of the empty reply", r -> {
            long frame = r.root.newFrame();
            SyscallResult res = r.call(frame, X86PageGetAddress, NO_CAPS);
            emptyReply(res);
            assertThat(res.mr(0)).isEqualTo(X86Layout.pptr_to_paddr(((FrameCap) r.cap(frame)).frame().ptr()));
        });
        c.error(X86PageGetAddress, "IllegalOperation: sent to a paging-structure cap (the PML4)", r ->
                illegal(r.call(ROOT_VSPACE, X86PageGetAddress, NO_CAPS)));
        c.on(Config.aarch64()).error(X86PageGetAddress, "IllegalOperation: an x86 label on an AArch64 frame", r ->
                illegal(r.call(r.root.newFrame(), X86PageGetAddress, NO_CAPS)));
        return c.rows();
    }

    private static void portControl(CaseList c) {
        c.success(X86IOPortControlIssue, "an I/O port cap for a free range, which is then allocated", r -> {
            long dest = r.free();
            emptyReply(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), FIRST, LAST, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(new IOPortCap(FIRST, LAST, X86Vcpu.VPID_INVALID));
            revokeFirst(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), LAST, LAST, r.free(), DEPTH));
        });
        c.error(X86IOPortControlIssue, "TruncatedMessage: fewer than four words or no CNode", r -> {
            long dest = r.free();
            truncated(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), FIRST, LAST, dest));
            truncated(r.call(PORT_CONTROL, X86IOPortControlIssue, NO_CAPS, FIRST, LAST, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(X86IOPortControlIssue, "InvalidArgument 1: last port below the first", r -> {
            long dest = r.free();
            invalidArgument(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), LAST, FIRST, dest, DEPTH), 1);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(X86IOPortControlIssue, "RevokeFirst: part of the range is already issued", r -> {
            ioPort(r, 0x64, 0x64);
            long dest = r.free();
            revokeFirst(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), FIRST, LAST, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(X86IOPortControlIssue, "RangeError [1, 64] / FailedLookup [0, invalid root]: destination not found",
                r -> {
                    long dest = r.free();
                    range(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), FIRST, LAST, dest, 0), 1, 64);
                    failedLookup(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(r.endpoint()), FIRST, LAST, dest,
                            DEPTH), false, new LookupFault.InvalidRoot());
                    assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
                });
        c.error(X86IOPortControlIssue, "DeleteFirst: the destination slot is occupied", r -> {
            deleteFirst(r.call(PORT_CONTROL, X86IOPortControlIssue, caps(CNODE), FIRST, LAST, r.endpoint(), DEPTH));
            // The range was not allocated: it can still be issued.
            ioPort(r, FIRST, LAST);
        });
    }

    private static void portIn(CaseList c, InvocationLabel l, int width) {
        c.success(l, "conforming reply: the " + 8 * width + "-bit value the device presents", r -> {
            long port = ioPort(r, FIRST, LAST);
            devices(r).deviceSets(0x62, 4, 0x8765_4321L);
            dataReply(r.call(port, l, NO_CAPS, 0x62), 0x8765_4321L & mask(width));
        });
        c.error(l, "TruncatedMessage: no port number", r -> truncated(r.call(ioPort(r, FIRST, LAST), l, NO_CAPS)));
        c.error(l, "IllegalOperation: the access leaves the cap's port range", r -> {
            long port = ioPort(r, FIRST, LAST);
            illegal(r.call(port, l, NO_CAPS, FIRST - 1));
            illegal(r.call(port, l, NO_CAPS, LAST + 2 - width));
        });
    }

    private static void portOut(CaseList c, InvocationLabel l, int width) {
        c.success(l, "writes the low " + 8 * width + " bits to the port; empty reply", r -> {
            long port = ioPort(r, FIRST, LAST);
            emptyReply(r.call(port, l, NO_CAPS, 0x64, 0x1122_3344_5566_7788L));
            assertThat(devices(r).writes()).containsExactly(
                    new IoPortDevices.PortWrite(0x64, width, 0x1122_3344_5566_7788L & mask(width)));
        });
        c.error(l, "TruncatedMessage: fewer than two words", r -> {
            truncated(r.call(ioPort(r, FIRST, LAST), l, NO_CAPS, 0x64));
            assertThat(devices(r).writes()).isEmpty();
        });
        c.error(l, "IllegalOperation: the access leaves the cap's port range", r -> {
            long port = ioPort(r, FIRST, LAST);
            illegal(r.call(port, l, NO_CAPS, LAST + 1, 1));
            illegal(r.call(port, l, NO_CAPS, LAST + 2 - width, 1));
            assertThat(devices(r).writes()).isEmpty();
        });
    }

    private static void vcpuLabels(CaseList c) {
        c.success(X86VCPUSetTCB, "associates the VCPU and the thread both ways", r -> {
            long v = vcpu(r);
            UserThread t = r.idleThread("guest");
            emptyReply(r.call(v, X86VCPUSetTCB, caps(t.tcbCap())));
            assertThat(vcpuOf(r, v).vcpuTCB).isSameAs(t.tcb());
            assertThat(t.tcb().tcbArch.tcbVCPU).isSameAs(vcpuOf(r, v));
        });
        c.error(X86VCPUSetTCB, "TruncatedMessage: no thread cap", r -> {
            long v = vcpu(r);
            truncated(r.call(v, X86VCPUSetTCB, NO_CAPS));
            assertThat(vcpuOf(r, v).vcpuTCB).isNull();
        });
        c.error(X86VCPUSetTCB, "IllegalOperation: the cap is not a thread", r -> {
            long v = vcpu(r);
            illegal(r.call(v, X86VCPUSetTCB, caps(r.endpoint())));
            assertThat(vcpuOf(r, v).vcpuTCB).isNull();
        });

        c.legacySuccess(X86VCPUWriteVMCS, "O C I", "writes the field; legacy O form: MR0 echoes the value, length 0", r -> {
            long v = vcpu(r);
            SyscallResult res = r.call(v, X86VCPUWriteVMCS, NO_CAPS, VmcsFields.VMX_GUEST_RIP, 0xffff_8000_0000_1000L);
            emptyReply(res);
            assertThat(res.mr(0)).isEqualTo(0xffff_8000_0000_1000L);
            assertThat(r.x86().vcpus.readVMCSField(vcpuOf(r, v), VmcsFields.VMX_GUEST_RIP))
                    .isEqualTo(0xffff_8000_0000_1000L);
        });
        c.success(X86VCPUWriteVMCS, "control fields get the CPU's fixed bits; the echo shows the adjusted value", r -> {
            long v = vcpu(r);
            SyscallResult res = r.call(v, X86VCPUWriteVMCS, NO_CAPS, VmcsFields.VMX_CONTROL_PIN_EXECUTION_CONTROLS, 0);
            long fixed = VmxHardware.pin_control_high & VmxHardware.pin_control_low;
            assertThat(res.mr(0)).isEqualTo(fixed);
            assertThat(r.x86().vcpus.readVMCSField(vcpuOf(r, v), VmcsFields.VMX_CONTROL_PIN_EXECUTION_CONTROLS))
                    .isEqualTo(fixed);
        });
        c.error(X86VCPUWriteVMCS, "IllegalOperation: fewer than two words", r ->
                illegal(r.call(vcpu(r), X86VCPUWriteVMCS, NO_CAPS, VmcsFields.VMX_GUEST_RIP)));
        c.error(X86VCPUWriteVMCS, "IllegalOperation: a field the VCPU owner may not write", r -> {
            long v = vcpu(r);
            illegal(r.call(v, X86VCPUWriteVMCS, NO_CAPS, VmcsFields.VMX_DATA_EXIT_REASON, 1));
        });

        c.legacySuccess(X86VCPUReadVMCS, "O C", "legacy O form: MR0 = the field, length 0 (empty reply over it)", r -> {
            long v = vcpu(r);
            r.setUp(v, X86VCPUWriteVMCS, NO_CAPS, VmcsFields.VMX_GUEST_RSP, 0x7000);
            SyscallResult res = r.call(v, X86VCPUReadVMCS, NO_CAPS, VmcsFields.VMX_GUEST_RSP);
            emptyReply(res);
            assertThat(res.mr(0)).isEqualTo(0x7000);
        });
        c.error(X86VCPUReadVMCS, "IllegalOperation: no field number", r ->
                illegal(r.call(vcpu(r), X86VCPUReadVMCS, NO_CAPS)));
        c.error(X86VCPUReadVMCS, "IllegalOperation: a field the VCPU owner may not read", r ->
                illegal(r.call(vcpu(r), X86VCPUReadVMCS, NO_CAPS, 0xffff)));

        c.success(X86VCPUWriteRegisters, "sets the guest's general-purpose registers", r -> {
            long v = vcpu(r);
            long[] regs = new long[X86Vcpu.n_vcpu_gp_register];
            for (int i = 0; i < regs.length; i++) {
                regs[i] = 0x100 + i;
            }
            emptyReply(r.call(v, X86VCPUWriteRegisters, NO_CAPS, regs));
            assertThat(vcpuOf(r, v).gp_registers).containsExactly(regs);
        });
        c.error(X86VCPUWriteRegisters, "TruncatedMessage: fewer words than guest registers", r -> {
            long v = vcpu(r);
            truncated(r.call(v, X86VCPUWriteRegisters, NO_CAPS, 1, 2, 3, 4, 5));
            assertThat(vcpuOf(r, v).gp_registers).containsOnly(0);
        });
    }

    private static void msrs(CaseList c) {
        c.legacySuccess(X86VCPUWriteMSR, "O C I", "stores the syscall MSR; legacy O form: MR0 echoes, length 0", r -> {
            long v = vcpu(r);
            SyscallResult res = r.call(v, X86VCPUWriteMSR, NO_CAPS, VmcsFields.IA32_LSTAR_MSR, 0xffff_8000_0010_0000L);
            emptyReply(res);
            assertThat(res.mr(0)).isEqualTo(0xffff_8000_0010_0000L);
            assertThat(vcpuOf(r, v).syscall_registers[X86Vcpu.VCPU_LSTAR]).isEqualTo(0xffff_8000_0010_0000L);
        });
        c.error(X86VCPUWriteMSR, "IllegalOperation: fewer than two words", r ->
                illegal(r.call(vcpu(r), X86VCPUWriteMSR, NO_CAPS, VmcsFields.IA32_LSTAR_MSR)));
        c.error(X86VCPUWriteMSR, "IllegalOperation: not a guest syscall MSR", r -> {
            long v = vcpu(r);
            illegal(r.call(v, X86VCPUWriteMSR, NO_CAPS, VmcsFields.IA32_VMX_MISC_MSR, 1));
            assertThat(vcpuOf(r, v).syscall_registers).containsOnly(0);
        });
        c.legacySuccess(X86VCPUReadMSR, "O C", "legacy O form: MR0 = the MSR, length 0; VMX_MISC reports the CPU value", r -> {
            long v = vcpu(r);
            r.setUp(v, X86VCPUWriteMSR, NO_CAPS, VmcsFields.IA32_STAR_MSR, 0x23_0010_0000_0000L);
            SyscallResult res = r.call(v, X86VCPUReadMSR, NO_CAPS, VmcsFields.IA32_STAR_MSR);
            emptyReply(res);
            assertThat(res.mr(0)).isEqualTo(0x23_0010_0000_0000L);
            assertThat(r.call(v, X86VCPUReadMSR, NO_CAPS, VmcsFields.IA32_VMX_MISC_MSR).mr(0))
                    .isEqualTo(VmxHardware.IA32_VMX_MISC_VALUE);
        });
        c.error(X86VCPUReadMSR, "IllegalOperation: no MSR number", r -> illegal(r.call(vcpu(r), X86VCPUReadMSR,
                NO_CAPS)));
        c.error(X86VCPUReadMSR, "IllegalOperation: an MSR the VCPU owner may not read", r ->
                illegal(r.call(vcpu(r), X86VCPUReadMSR, NO_CAPS, 0x10)));
    }

    private static void ioPermissions(CaseList c) {
        c.success(X86VCPUEnableIOPort, "the guest may use the ports directly; the cap remembers the VCPU", r -> {
            long v = vcpu(r);
            long port = ioPort(r, FIRST, LAST);
            emptyReply(r.call(v, X86VCPUEnableIOPort, caps(port), 0x62, 0x63));
            X86Vcpu vc = vcpuOf(r, v);
            assertThat(vc.portTraps(0x62)).isFalse();
            assertThat(vc.portTraps(0x63)).isFalse();
            assertThat(vc.portTraps(0x64)).isTrue();
            assertThat(((IOPortCap) r.cap(port)).vpid()).isEqualTo(vc.vpid);
        });
        c.error(X86VCPUEnableIOPort, "TruncatedMessage: fewer than two words or no I/O port cap", r -> {
            long v = vcpu(r);
            long port = ioPort(r, FIRST, LAST);
            truncated(r.call(v, X86VCPUEnableIOPort, caps(port), 0x62));
            truncated(r.call(v, X86VCPUEnableIOPort, NO_CAPS, 0x62, 0x63));
            assertThat(vcpuOf(r, v).portTraps(0x62)).isTrue();
        });
        c.error(X86VCPUEnableIOPort, "IllegalOperation: the cap is not an I/O port cap", r -> {
            long v = vcpu(r);
            illegal(r.call(v, X86VCPUEnableIOPort, caps(r.endpoint()), 0x62, 0x63));
            assertThat(vcpuOf(r, v).portTraps(0x62)).isTrue();
        });
        c.error(X86VCPUEnableIOPort, "InvalidArgument 0: the range leaves the cap's ports", r -> {
            long v = vcpu(r);
            long port = ioPort(r, FIRST, LAST);
            invalidArgument(r.call(v, X86VCPUEnableIOPort, caps(port), FIRST - 1, LAST), 0);
            invalidArgument(r.call(v, X86VCPUEnableIOPort, caps(port), FIRST, LAST + 1), 0);
            assertThat(vcpuOf(r, v).portTraps(FIRST)).isTrue();
        });
        c.success(X86VCPUDisableIOPort, "the ports trap again", r -> {
            long v = vcpu(r);
            long port = ioPort(r, FIRST, LAST);
            r.setUp(v, X86VCPUEnableIOPort, caps(port), FIRST, LAST);
            emptyReply(r.call(v, X86VCPUDisableIOPort, NO_CAPS, 0x62, 0x63));
            X86Vcpu vc = vcpuOf(r, v);
            assertThat(vc.portTraps(0x62)).isTrue();
            assertThat(vc.portTraps(0x61)).isFalse();
        });
        c.error(X86VCPUDisableIOPort, "TruncatedMessage: fewer than two words", r -> {
            long v = vcpu(r);
            r.setUp(v, X86VCPUEnableIOPort, caps(ioPort(r, FIRST, LAST)), FIRST, LAST);
            truncated(r.call(v, X86VCPUDisableIOPort, NO_CAPS, 0x62));
            assertThat(vcpuOf(r, v).portTraps(0x62)).isFalse();
        });
    }
}
