package sel4.api;

/**
 * The invocation labels of the model (seL4's generated invocation.h, sel4_arch_invocation.h and
 * arch_invocation.h; KERNEL-REFERENCE §5). seL4 generates the numbers per configuration; the model
 * fixes one table for both architectures: the label number is the ordinal. Labels of the other
 * architecture decode as illegal operations there.
 */
public enum InvocationLabel {
    InvalidInvocation,
    // Generic labels (38), in the order of the Haskell spec.
    UntypedRetype,
    TCBReadRegisters,
    TCBWriteRegisters,
    TCBCopyRegisters,
    TCBConfigure,
    TCBSetPriority,
    TCBSetMCPriority,
    TCBSetSchedParams,
    TCBSetTimeoutEndpoint,
    TCBSetIPCBuffer,
    TCBSetSpace,
    TCBSuspend,
    TCBResume,
    TCBBindNotification,
    TCBUnbindNotification,
    TCBSetTLSBase,
    TCBSetFlags,
    CNodeRevoke,
    CNodeDelete,
    CNodeCancelBadgedSends,
    CNodeCopy,
    CNodeMint,
    CNodeMove,
    CNodeMutate,
    CNodeRotate,
    IRQIssueIRQHandler,
    IRQAckIRQ,
    IRQSetIRQHandler,
    IRQClearIRQHandler,
    DomainSetSet,
    DomainScheduleConfigure,
    DomainScheduleSetStart,
    SchedControlConfigureFlags,
    SchedContextBind,
    SchedContextUnbind,
    SchedContextUnbindObject,
    SchedContextConsumed,
    SchedContextYieldTo,
    // Hardware debug API (CONFIG_HARDWARE_DEBUG_API).
    TCBConfigureSingleStepping,
    TCBSetBreakpoint,
    TCBGetBreakpoint,
    TCBUnsetBreakpoint,
    // AArch64 (23).
    ARMVSpaceClean_Data,
    ARMVSpaceInvalidate_Data,
    ARMVSpaceCleanInvalidate_Data,
    ARMVSpaceUnify_Instruction,
    ARMSMCCall,
    ARMPageTableMap,
    ARMPageTableUnmap,
    ARMPageMap,
    ARMPageUnmap,
    ARMPageClean_Data,
    ARMPageInvalidate_Data,
    ARMPageCleanInvalidate_Data,
    ARMPageUnify_Instruction,
    ARMPageGetAddress,
    ARMASIDControlMakePool,
    ARMASIDPoolAssign,
    ARMVCPUSetTCB,
    ARMVCPUInjectIRQ,
    ARMVCPUReadReg,
    ARMVCPUWriteReg,
    ARMVCPUAckVPPI,
    ARMIRQIssueIRQHandlerTrigger,
    ARMIRQIssueSGISignal,
    // AArch64 SMMU.
    ARMSIDIssueSIDManager,
    ARMSIDGetFault,
    ARMSIDClearFault,
    ARMSIDBindCB,
    ARMSIDUnbindCB,
    ARMCBIssueCBManager,
    ARMCBTLBInvalidateAll,
    ARMCBTLBInvalidate,
    ARMCBAssignVspace,
    ARMCBUnassignVspace,
    ARMCBGetFault,
    ARMCBClearFault,
    // x86_64 subset.
    X86IOPortControlIssue,
    X86IOPortIn8,
    X86IOPortIn16,
    X86IOPortIn32,
    X86IOPortOut8,
    X86IOPortOut16,
    X86IOPortOut32,
    X86VCPUSetTCB,
    X86VCPUReadVMCS,
    X86VCPUWriteVMCS,
    X86VCPUEnableIOPort,
    X86VCPUDisableIOPort,
    X86VCPUWriteRegisters,
    X86VCPUReadMSR,
    X86VCPUWriteMSR,
    X86PageGetAddress;

    private static final InvocationLabel[] VALUES = values();

    /** seL4's genInvocationType: labels outside the table are InvalidInvocation. */
    public static InvocationLabel genInvocationType(long label) {
        if (label <= 0 || label >= VALUES.length) {
            return InvalidInvocation;
        }
        return VALUES[(int) label];
    }

    public long label() {
        return ordinal();
    }
}
