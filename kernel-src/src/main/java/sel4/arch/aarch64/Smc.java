package sel4.arch.aarch64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.model.Config;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/arch/arm/object/smc.c in its HEAD form (LEGACY-REPLY-BUGS §A1 exception 2, a
 * conforming reference): the decoder parses all eight argument words and checks the function id
 * against the cap's badge; invokeSMCCall performs the SMC and, on Call only, replies with the
 * eight result words through the caller's own write-authority buffer, badge 0 and the length
 * setMR returns, leaving the caller Running.
 */
public final class Smc extends ArmModule {
    Smc(AArch64 arch) {
        super(arch);
    }

    public ExceptionT decodeARMSMCInvocation(long label, int length, SMCCap cap, boolean call, IpcBuffer buffer) {
        if (InvocationLabel.genInvocationType(label) != InvocationLabel.ARMSMCCall) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (length < Config.numSMCRegs) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long badge = cap.badge();
        long smc_func_id = getSyscallArg(0, buffer);
        // A badged SMC cap allows exactly one function.
        if (badge != 0 && badge != smc_func_id) {
            return syscallError(SyscallError.illegalOperation());
        }
        long[] smc_args = new long[Config.numSMCRegs];
        for (int i = 0; i < Config.numSMCRegs; i++) {
            smc_args[i] = getSyscallArg(i, buffer);
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSMCCall(smc_args, call);
    }

    public ExceptionT invokeSMCCall(long[] smc_args, boolean call) {
        long[] results = hw.smc().smc(smc_args);
        if (call) {
            Tcb thread = ks.ksCurThread;
            IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, thread);
            setRegister(thread, badgeRegister, 0);
            int length = 0;
            for (int i = 0; i < Config.numSMCRegs; i++) {
                length = setMR(thread, ipcBuffer, i, results[i]);
            }
            setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Running);
        return EXCEPTION_NONE;
    }
}
