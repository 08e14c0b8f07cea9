// contract: every libsel4-like stub puts its arguments where seL4's MCS ABI and the generated libsel4 stubs put them (cap register, msgInfo, message registers, IPC-buffer words, extra caps, reply and NBSendRecv registers, packed flag words) and traps with the right syscall.
package sel4.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.Syscall;
import sel4.machine.Registers;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

class StubEncodingTest {
    private static final long BUF = 0x20_000;

    /** The kernel's view of one stub's trap. */
    private record Entry(Event event, long[] regs, long[] buf) {
        MessageInfo info() {
            return MessageInfo.messageInfoFromWord_raw(regs[Registers.msgInfoRegister]);
        }

        long mr(int i) {
            return i < Registers.n_msgRegisters ? regs[Registers.msgRegisters[i]] : buf[i + 1];
        }

        long cap(int j) {
            return buf[IpcBuffer.capsOrBadgesWord0 + j];
        }

        long[] mrs() {
            long[] out = new long[info().length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = mr(i);
            }
            return out;
        }

        long[] caps() {
            long[] out = new long[info().extraCaps()];
            for (int j = 0; j < out.length; j++) {
                out[j] = cap(j);
            }
            return out;
        }
    }

    private static Entry trapOf(Consumer<ProgramBuilder> body) {
        FakePlatform p = new FakePlatform();
        ProgramBuilder b = new ProgramBuilder();
        body.accept(b);
        Tcb t = p.thread("t", BUF, b.build("t"));
        p.current = t;
        p.cpu().run(() -> p.events.size() == 1, Long.MAX_VALUE, 100);
        return new Entry(p.lastEvent(), p.lastRegisters(), p.bufferAtEntry.get(0));
    }

    private static Event sys(Syscall s) {
        return new Event.SyscallEvent(s);
    }

    @Test
    void receivesPutTheSourceInTheCapRegisterAndTheReplyInTheReplyRegister() {
        Entry e = trapOf(b -> b.recv(5, 6));
        assertThat(e.event()).isEqualTo(sys(Syscall.SysRecv));
        assertThat(e.regs()[Registers.capRegister]).isEqualTo(5);
        assertThat(e.regs()[Registers.replyRegister]).isEqualTo(6);

        assertThat(trapOf(b -> b.nbRecv(5, 6)).event()).isEqualTo(sys(Syscall.SysNBRecv));
        Entry w = trapOf(b -> b.waitOn(8));
        assertThat(w.event()).isEqualTo(sys(Syscall.SysWait));
        assertThat(w.regs()[Registers.capRegister]).isEqualTo(8);
        assertThat(trapOf(b -> b.nbWait(8)).event()).isEqualTo(sys(Syscall.SysNBWait));
        assertThat(trapOf(b -> b.poll(8)).event()).isEqualTo(sys(Syscall.SysNBWait));
    }

    @Test
    void combinedSendReceiveSyscallsUseTheMcsRegisters() {
        Entry rr = trapOf(b -> b.replyRecv(5, Msg.of(9, 1), 6));
        assertThat(rr.event()).isEqualTo(sys(Syscall.SysReplyRecv));
        assertThat(rr.regs()[Registers.capRegister]).isEqualTo(5);
        assertThat(rr.regs()[Registers.replyRegister]).isEqualTo(6);
        assertThat(rr.info()).isEqualTo(new MessageInfo(9, 0, 0, 1));
        assertThat(rr.mr(0)).isEqualTo(1);

        Entry sr = trapOf(b -> b.nbSendRecv(7, Msg.of(2), 5, 6));
        assertThat(sr.event()).isEqualTo(sys(Syscall.SysNBSendRecv));
        assertThat(sr.regs()[Registers.capRegister]).isEqualTo(5);
        assertThat(sr.regs()[Registers.nbsendRecvDest]).isEqualTo(7);
        assertThat(sr.regs()[Registers.replyRegister]).isEqualTo(6);

        Entry sw = trapOf(b -> b.nbSendWait(7, Msg.of(2), 5));
        assertThat(sw.event()).isEqualTo(sys(Syscall.SysNBSendWait));
        assertThat(sw.regs()[Registers.capRegister]).isEqualTo(5);
        assertThat(sw.regs()[Registers.replyRegister]).as("NBSendWait destination").isEqualTo(7);
    }

    @Test
    void sendsSignalAndYield() {
        Entry s = trapOf(b -> b.send(3, Msg.of(4, 40)));
        assertThat(s.event()).isEqualTo(sys(Syscall.SysSend));
        assertThat(s.info()).isEqualTo(new MessageInfo(4, 0, 0, 1));
        assertThat(trapOf(b -> b.nbSend(3, Msg.EMPTY)).event()).isEqualTo(sys(Syscall.SysNBSend));
        Entry sig = trapOf(b -> b.signal(3));
        assertThat(sig.event()).isEqualTo(sys(Syscall.SysSend));
        assertThat(sig.info()).isEqualTo(new MessageInfo(0, 0, 0, 0));
        assertThat(trapOf(ProgramBuilder::yield).event()).isEqualTo(sys(Syscall.SysYield));
    }

    @Test
    void theReceivePathGoesToTheLastThreeBufferWords() {
        Entry e = trapOf(b -> {
            b.setReceivePath(2, 77, 64);
            b.recv(5, 6);
        });
        assertThat(e.buf()[IpcBuffer.receiveCNodeWord]).isEqualTo(2);
        assertThat(e.buf()[IpcBuffer.receiveIndexWord]).isEqualTo(77);
        assertThat(e.buf()[IpcBuffer.receiveDepthWord]).isEqualTo(64);
    }

    @Test
    void tcbConfigureAndSchedParamsSendCapsAsExtraCapsAndWordsAsMessage() {
        Entry c = trapOf(b -> b.tcb().configure(20, 2, 52, 3, 0, 0x401000, 21));
        assertThat(c.event()).isEqualTo(sys(Syscall.SysCall));
        assertThat(c.regs()[Registers.capRegister]).isEqualTo(20);
        assertThat(c.info().label()).isEqualTo(InvocationLabel.TCBConfigure.label());
        assertThat(c.caps()).containsExactly(2, 3, 21);
        assertThat(c.mrs()).containsExactly(52, 0, 0x401000);

        Entry sp = trapOf(b -> b.tcb().setSchedParams(20, 1, 200, 100, 22, 23));
        assertThat(sp.info().label()).isEqualTo(InvocationLabel.TCBSetSchedParams.label());
        assertThat(sp.caps()).containsExactly(1, 22, 23);
        assertThat(sp.mrs()).containsExactly(200, 100);

        Entry ss = trapOf(b -> b.tcb().setSpace(20, 23, 2, 52, 3, 0));
        assertThat(ss.caps()).containsExactly(23, 2, 3);
        assertThat(ss.mrs()).containsExactly(52, 0);
    }

    @Test
    void registerTransferFlagsArePackedAsTheStubGeneratorPacksThem() {
        Entry rd = trapOf(b -> b.tcb().readRegisters(20, true, 5, 17));
        assertThat(rd.mrs()).containsExactly(1 | (5 << 8), 17);

        Entry wr = trapOf(b -> b.tcb().writeRegisters(20, true, 0, 100, 200, 300, 400));
        assertThat(wr.mrs()).containsExactly(1, 4, 100, 200, 300, 400);

        Entry cp = trapOf(b -> b.tcb().copyRegisters(20, 21, false, true, true, false, 0));
        assertThat(cp.mrs()).containsExactly(2 | 4);
        assertThat(cp.caps()).containsExactly(21);
    }

    @Test
    void cnodeOperationsNameSlotsByIndexAndDepth() {
        Entry mint = trapOf(b -> b.cnode().mint(2, 30, 64, 2, 10, 64, 0xf, 0x42));
        assertThat(mint.info().label()).isEqualTo(InvocationLabel.CNodeMint.label());
        assertThat(mint.mrs()).containsExactly(30, 64, 10, 64, 0xf, 0x42);
        assertThat(mint.caps()).containsExactly(2);

        Entry rot = trapOf(b -> b.cnode().rotate(2, 30, 64, 7, 2, 31, 64, 8, 2, 32, 64));
        assertThat(rot.mrs()).containsExactly(30, 64, 7, 31, 64, 8, 32, 64);
        assertThat(rot.caps()).containsExactly(2, 2);

        Entry rev = trapOf(b -> b.cnode().revoke(2, 30, 64));
        assertThat(rev.info()).isEqualTo(new MessageInfo(InvocationLabel.CNodeRevoke.label(), 0, 0, 2));
    }

    @Test
    void retypeConfigureFlagsIrqDomainAndPageMap() {
        Entry rt = trapOf(b -> b.untyped().retype(17, 1, 0, 2, 0, 0, 40, 3));
        assertThat(rt.info().label()).isEqualTo(InvocationLabel.UntypedRetype.label());
        assertThat(rt.mrs()).containsExactly(1, 0, 0, 0, 40, 3);
        assertThat(rt.caps()).containsExactly(2);

        Entry cf = trapOf(b -> b.schedControl().configureFlags(16, 40, 500, 1000, 2, 9, 1));
        assertThat(cf.mrs()).containsExactly(500, 1000, 2, 9, 1);
        assertThat(cf.caps()).containsExactly(40);

        Entry irq = trapOf(b -> b.irq().controlGet(4, 40, 2, 50, 64));
        assertThat(irq.info().label()).isEqualTo(InvocationLabel.IRQIssueIRQHandler.label());
        assertThat(irq.mrs()).containsExactly(40, 50, 64);
        assertThat(irq.caps()).containsExactly(2);

        Entry dom = trapOf(b -> b.domain().set(11, 1, 20));
        assertThat(dom.mrs()).containsExactly(1);
        assertThat(dom.caps()).containsExactly(20);

        Entry map = trapOf(b -> b.arch().armPageMap(60, 3, 0x401000, 3, 3));
        assertThat(map.info().label()).isEqualTo(InvocationLabel.ARMPageMap.label());
        assertThat(map.mrs()).containsExactly(0x401000, 3, 3);
        assertThat(map.caps()).containsExactly(3);
    }

    @Test
    void stubsCarryTheExpectationOfTheirInvocation() {
        ProgramBuilder b = new ProgramBuilder();
        assertThat(b.tcb().resume(1).expect()).isEqualTo(Expect.EMPTY_REPLY);
        assertThat(b.tcb().setFlags(1, 0, 1).expect()).isEqualTo(Expect.reply(1));
        assertThat(b.tcb().getBreakpoint(1, 0).expect()).isEqualTo(Expect.reply(5));
        assertThat(b.tcb().readRegisters(1, false, 0, 9).expect()).isEqualTo(Expect.reply(9));
        assertThat(b.schedContext().consumed(1).expect()).isEqualTo(Expect.reply(1));
        assertThat(b.schedContext().yieldTo(1).expect()).isEqualTo(Expect.reply(1));
        assertThat(b.arch().armPageGetAddress(1).expect()).isEqualTo(Expect.reply(1));
        assertThat(b.call(1, Msg.EMPTY).expect()).isEqualTo(Expect.NOTHING);
        assertThat(b.results()).hasSize(8);
    }
}
