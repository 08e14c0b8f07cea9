package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.ARMVCPUAckVPPI;
import static sel4.api.InvocationLabel.ARMVCPUInjectIRQ;
import static sel4.api.InvocationLabel.ARMVCPUReadReg;
import static sel4.api.InvocationLabel.ARMVCPUSetTCB;
import static sel4.api.InvocationLabel.ARMVCPUWriteReg;
import static sel4.labels.CallerView.dataReply;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.VCPUCap;
import sel4.arch.aarch64.Vcpu;
import sel4.arch.aarch64.VcpuReg;
import sel4.arch.aarch64.Virq;
import sel4.arch.aarch64.VirtualTimer;
import sel4.model.Config;
import sel4.user.UserThread;

/**
 * The AArch64 VCPU labels (src/arch/arm/object/vcpu.c decodeARMVCPUInvocation): SetTCB, ReadReg
 * (the conforming data reply), WriteReg, InjectIRQ with the fields of its packed argument, and
 * AckVPPI after a real virtual-timer VPPI event.
 */
final class ArmVcpuCases implements CaseFamily {
    private static final int NUM_LR = Config.aarch64().numListRegs();

    @Override
    public String name() {
        return "AArch64 VCPU";
    }

    static long vcpu(Rig r) {
        return r.retype(ArmObjectTypes.seL4_ARM_VCPUObject, 0);
    }

    private static Vcpu vcpuOf(Rig r, long cap) {
        return ((VCPUCap) r.cap(cap)).vcpu();
    }

    /** InjectIRQ's MR0: virtual IRQ (15:0), priority (23:16), group (31:24), list register (39:32). */
    private static long inject(long vid, long priority, long group, long lr) {
        return vid | (priority << 16) | (group << 24) | (lr << 32);
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        c.success(ARMVCPUSetTCB, "associates the VCPU and the thread both ways", r -> {
            long v = vcpu(r);
            UserThread t = r.idleThread("guest");
            emptyReply(r.call(v, ARMVCPUSetTCB, caps(t.tcbCap())));
            assertThat(vcpuOf(r, v).vcpuTCB).isSameAs(t.tcb());
            assertThat(t.tcb().tcbArch.tcbVCPU).isSameAs(vcpuOf(r, v));
        });
        c.error(ARMVCPUSetTCB, "TruncatedMessage: no thread cap", r -> {
            long v = vcpu(r);
            truncated(r.call(v, ARMVCPUSetTCB, NO_CAPS));
            assertThat(vcpuOf(r, v).vcpuTCB).isNull();
        });
        c.error(ARMVCPUSetTCB, "IllegalOperation: the cap is not a thread", r -> {
            long v = vcpu(r);
            illegal(r.call(v, ARMVCPUSetTCB, caps(r.endpoint())));
            assertThat(vcpuOf(r, v).vcpuTCB).isNull();
        });

        c.success(ARMVCPUReadReg, "conforming reply: the register value, length 1", r -> {
            long v = vcpu(r);
            r.setUp(v, ARMVCPUWriteReg, NO_CAPS, VcpuReg.seL4_VCPUReg_TTBR0, 0xabc000);
            dataReply(r.call(v, ARMVCPUReadReg, NO_CAPS, VcpuReg.seL4_VCPUReg_TTBR0), 0xabc000);
        });
        c.error(ARMVCPUReadReg, "TruncatedMessage: no register number", r ->
                truncated(r.call(vcpu(r), ARMVCPUReadReg, NO_CAPS)));
        c.error(ARMVCPUReadReg, "InvalidArgument 1: no such register", r ->
                invalidArgument(r.call(vcpu(r), ARMVCPUReadReg, NO_CAPS, VcpuReg.seL4_VCPUReg_Num), 1));

        c.success(ARMVCPUWriteReg, "writes the saved register of a VCPU that is not loaded", r -> {
            long v = vcpu(r);
            emptyReply(r.call(v, ARMVCPUWriteReg, NO_CAPS, VcpuReg.seL4_VCPUReg_SCTLR, 0x30d0_0800L));
            assertThat(vcpuOf(r, v).regs[VcpuReg.seL4_VCPUReg_SCTLR]).isEqualTo(0x30d0_0800L);
        });
        c.error(ARMVCPUWriteReg, "TruncatedMessage: fewer than two words", r -> {
            long v = vcpu(r);
            long before = vcpuOf(r, v).regs[VcpuReg.seL4_VCPUReg_SCTLR];
            truncated(r.call(v, ARMVCPUWriteReg, NO_CAPS, VcpuReg.seL4_VCPUReg_SCTLR));
            assertThat(vcpuOf(r, v).regs[VcpuReg.seL4_VCPUReg_SCTLR]).isEqualTo(before);
        });
        c.error(ARMVCPUWriteReg, "InvalidArgument 1: no such register", r ->
                invalidArgument(r.call(vcpu(r), ARMVCPUWriteReg, NO_CAPS, VcpuReg.seL4_VCPUReg_Num, 1), 1));

        c.success(ARMVCPUInjectIRQ, "a pending virtual IRQ in the list register", r -> {
            long v = vcpu(r);
            emptyReply(r.call(v, ARMVCPUInjectIRQ, NO_CAPS, inject(100, 5, 1, 2)));
            long lr = vcpuOf(r, v).vgic.lr[2];
            assertThat(Virq.virq_get_virqType(lr)).isEqualTo(Virq.virq_virq_pending);
            assertThat(lr).isEqualTo(Virq.virq_virq_pending_new(1, 5, true, 100));
        });
        c.error(ARMVCPUInjectIRQ, "TruncatedMessage: no argument", r -> truncated(r.call(vcpu(r), ARMVCPUInjectIRQ,
                NO_CAPS)));
        injectError(c, "RangeError [0, 1023]: virtual IRQ number", inject(1024, 0, 0, 0), 0, 1023);
        injectError(c, "RangeError [0, 31]: priority", inject(1, 32, 0, 0), 0, 31);
        injectError(c, "RangeError [0, 1]: group", inject(1, 0, 2, 0), 0, 1);
        injectError(c, "RangeError [0, list registers - 1]: list register", inject(1, 0, 0, NUM_LR), 0, NUM_LR - 1);
        c.error(ARMVCPUInjectIRQ, "DeleteFirst: the list register holds an active interrupt", r -> {
            long v = vcpu(r);
            r.setUp(v, ARMVCPUInjectIRQ, NO_CAPS, inject(100, 0, 0, 1));
            // The guest takes the interrupt: the list register becomes active.
            r.arm().hardware().guestAcknowledges(vcpuOf(r, v), 1);
            long before = vcpuOf(r, v).vgic.lr[1];
            deleteFirst(r.call(v, ARMVCPUInjectIRQ, NO_CAPS, inject(200, 0, 0, 1)));
            assertThat(vcpuOf(r, v).vgic.lr[1]).isEqualTo(before);
        });

        c.success(ARMVCPUAckVPPI, "after a virtual-timer VPPI event masked the timer, Ack unmasks it", r -> {
            long v = vcpu(r);
            // A guest whose saved virtual timer has already expired: restoring it raises the VPPI.
            r.setUp(v, ARMVCPUWriteReg, NO_CAPS, VcpuReg.seL4_VCPUReg_CNTV_CVAL, 0);
            r.setUp(v, ARMVCPUWriteReg, NO_CAPS, VcpuReg.seL4_VCPUReg_CNTV_CTL, VirtualTimer.CNTV_CTL_ENABLE);
            UserThread guest = r.thread("guest").suspended().program(b -> b.spin(10_000)).spawn();
            r.setUp(v, ARMVCPUSetTCB, caps(guest.tcbCap()));
            r.setUp(guest.tcbCap(), sel4.api.InvocationLabel.TCBResume, NO_CAPS);
            r.sim.run();
            Vcpu vc = vcpuOf(r, v);
            assertThat(vc.vppi_masked[Vcpu.VPPIEventIRQ_VTimer]).as("the VPPI event masked the timer").isTrue();
            assertThat(guest.isInactive()).as("VPPI fault without handler").isTrue();

            emptyReply(r.call(v, ARMVCPUAckVPPI, NO_CAPS, r.k.config.vtimerIrq()));

            assertThat(vc.vppi_masked[Vcpu.VPPIEventIRQ_VTimer]).isFalse();
        });
        c.error(ARMVCPUAckVPPI, "TruncatedMessage: no IRQ number", r -> truncated(r.call(vcpu(r), ARMVCPUAckVPPI,
                NO_CAPS)));
        c.error(ARMVCPUAckVPPI, "RangeError [0, maxIRQ]: no such IRQ", r -> {
            int max = r.k.config.maxIRQ();
            range(r.call(vcpu(r), ARMVCPUAckVPPI, NO_CAPS, max + 1), 0, max);
        });
        c.error(ARMVCPUAckVPPI, "InvalidArgument 0: the IRQ is not a VPPI", r ->
                invalidArgument(r.call(vcpu(r), ARMVCPUAckVPPI, NO_CAPS, 40), 0));
        return c.rows();
    }

    private static void injectError(CaseList c, String check, long mr0, long min, long max) {
        c.error(ARMVCPUInjectIRQ, check, r -> {
            long v = vcpu(r);
            range(r.call(v, ARMVCPUInjectIRQ, NO_CAPS, mr0), min, max);
            for (int i = 0; i < NUM_LR; i++) {
                assertThat(vcpuOf(r, v).vgic.lr[i]).isZero();
            }
        });
    }
}
