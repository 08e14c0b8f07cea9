package sel4.arch.x86_64;

import static sel4.arch.x86_64.X86Layout.seL4_X64_HugePageObject;
import static sel4.arch.x86_64.X86Layout.seL4_X64_PML4Object;
import static sel4.arch.x86_64.X86Layout.seL4_X86_4K;
import static sel4.arch.x86_64.X86Layout.seL4_X86_LargePageObject;
import static sel4.arch.x86_64.X86Layout.seL4_X86_PDPTObject;
import static sel4.arch.x86_64.X86Layout.seL4_X86_PageDirectoryObject;
import static sel4.arch.x86_64.X86Layout.seL4_X86_PageTableObject;
import static sel4.arch.x86_64.X86Layout.seL4_X86_VCPUObject;

import sel4.api.ExceptionT;
import sel4.api.SyscallError;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.machine.Words;
import sel4.object.ObjectType;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/arch/x86/object/objecttype.c and src/arch/x86/64/object/objecttype.c (the
 * Mode_* functions) with the cap helpers of include/arch/x86/arch/object/structures.h, for the
 * model's x86_64 subset: object sizes and creation, derivation, finalisation, comparison, rights
 * masking and the dispatcher Arch_decodeInvocation → Mode_decodeInvocation.
 */
public final class X86ArchObjects extends X86Module {
    X86ArchObjects(X86_64 arch) {
        super(arch);
    }

    public boolean Arch_isFrameType(int type) {
        return type == seL4_X86_4K || type == seL4_X86_LargePageObject || type == seL4_X64_HugePageObject;
    }

    public int Arch_getObjectSize(int type) {
        if (type == seL4_X86_4K) {
            return X86Layout.seL4_PageBits;
        } else if (type == seL4_X86_LargePageObject) {
            return X86Layout.seL4_LargePageBits;
        } else if (type == seL4_X64_HugePageObject) {
            return X86Layout.seL4_HugePageBits;
        } else if (type == seL4_X86_PageTableObject) {
            return X86Layout.seL4_PageTableBits;
        } else if (type == seL4_X86_PageDirectoryObject) {
            return X86Layout.seL4_PageDirBits;
        } else if (type == seL4_X86_PDPTObject) {
            return X86Layout.seL4_PDPTBits;
        } else if (type == seL4_X64_PML4Object) {
            return X86Layout.seL4_PML4Bits;
        } else if (type == seL4_X86_VCPUObject) {
            return X86Layout.seL4_X86_VCPUBits;
        }
        return -1;
    }

    private static PageTable.PtType tableType(int type) {
        if (type == seL4_X86_PageTableObject) {
            return PageTable.PtType.X86_PageTable;
        } else if (type == seL4_X86_PageDirectoryObject) {
            return PageTable.PtType.X86_PageDirectory;
        } else if (type == seL4_X86_PDPTObject) {
            return PageTable.PtType.X64_PDPT;
        } else if (type == seL4_X64_PML4Object) {
            return PageTable.PtType.X64_PML4;
        }
        return null;
    }

    public Cap Arch_createObject(int type, long regionBase, int userSize, boolean deviceMemory) {
        if (Arch_isFrameType(type)) {
            Frame frame = new Frame(regionBase, Arch_getObjectSize(type), deviceMemory);
            ks.ksPSpace.insert(frame);
            return new FrameCap(frame, VMRights.VMReadWrite, deviceMemory, AsidPool.asidInvalid, 0);
        }
        PageTable.PtType t = tableType(type);
        if (t != null) {
            PageTable pt = new PageTable(regionBase, Arch_getObjectSize(type), t, X86Layout.PT_INDEX_BITS);
            ks.ksPSpace.insert(pt);
            return X86PageTableCap.unmapped(pt);
        }
        if (type == seL4_X86_VCPUObject) {
            X86Vcpu vcpu = new X86Vcpu(regionBase);
            ks.ksPSpace.insert(vcpu);
            arch.vcpus.vcpu_init(vcpu);
            return new X86VCPUCap(vcpu);
        }
        fail("Arch_createObject got an API type or invalid object type");
        return NullCap.INSTANCE;
    }

    /** Arch_deriveCap / Mode_deriveCap. */
    public ObjectType.DeriveCapRet Arch_deriveCap(Cte slot, Cap cap) {
        if (cap instanceof X86PageTableCap pt) {
            if (pt.isMapped()) {
                return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, cap);
            }
            ks.current_syscall_error = SyscallError.illegalOperation();
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, NullCap.INSTANCE);
        }
        if (cap instanceof FrameCap fc) {
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, fc.withMapping(AsidPool.asidInvalid, 0));
        }
        if (cap instanceof ASIDControlCap || cap instanceof ASIDPoolCap || cap instanceof IOPortCap
                || cap instanceof X86VCPUCap) {
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, cap);
        }
        if (cap instanceof IOPortControlCap) {
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, NullCap.INSTANCE);
        }
        fail("Invalid arch cap type");
        return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, NullCap.INSTANCE);
    }

    public Cap Arch_updateCapData(boolean preserve, long data, Cap cap) {
        return cap;
    }

    public Cap Arch_maskCapRights(CapRights mask, Cap cap) {
        if (cap instanceof FrameCap fc) {
            return fc.withRights(maskVMRights(fc.vmRights(), mask));
        }
        return cap;
    }

    /** maskVMRights (x86 vspace.c): read keeps read-only, read+write keeps read-write. */
    public static VMRights maskVMRights(VMRights vm_rights, CapRights mask) {
        if (vm_rights == VMRights.VMReadOnly && mask.allowRead()) {
            return VMRights.VMReadOnly;
        }
        if (vm_rights == VMRights.VMReadWrite && mask.allowRead()) {
            return mask.allowWrite() ? VMRights.VMReadWrite : VMRights.VMReadOnly;
        }
        return VMRights.VMKernelOnly;
    }

    /**
     * Arch_finaliseCap / Mode_finaliseCap. A final I/O port cap returns itself as cleanup
     * information: its range is freed in Arch_postCapDeletion once the slot is empty.
     */
    public ObjectType.FinaliseCapRet Arch_finaliseCap(Cap cap, boolean isFinal) {
        if (cap instanceof X86PageTableCap pt) {
            if (isFinal && pt.isMapped()) {
                if (pt.isPML4()) {
                    arch.vspace.deleteASID(pt.mappedASID(), pt.pt());
                } else {
                    arch.vspace.unmapPagingStructure(pt.mappedASID(), pt.mappedAddress(), pt.pt());
                }
            }
        } else if (cap instanceof ASIDPoolCap pool) {
            if (isFinal) {
                arch.vspace.deleteASIDPool(pool.asidBase(), pool.pool());
            }
        } else if (cap instanceof IOPortCap io) {
            arch.vcpus.clearVPIDIOPortMappings(io.vpid(), io.firstPort(), io.lastPort());
            if (isFinal) {
                return new ObjectType.FinaliseCapRet(NullCap.INSTANCE, cap);
            }
        } else if (cap instanceof X86VCPUCap v) {
            if (isFinal) {
                arch.vcpus.vcpu_finalise(v.vcpu());
            }
        } else if (cap instanceof FrameCap fc) {
            if (fc.mappedASID() != 0) {
                arch.vspace.unmapPage(fc.sizeBits(), fc.mappedASID(), fc.mappedAddress(), fc.frame().ptr());
            }
        }
        return new ObjectType.FinaliseCapRet(NullCap.INSTANCE, NullCap.INSTANCE);
    }

    public void Arch_postCapDeletion(Cap cap) {
        if (cap instanceof IOPortCap io) {
            arch.ioPorts.freeIOPortRange(io.firstPort(), io.lastPort());
        }
    }

    public boolean Arch_sameRegionAs(Cap a, Cap b) {
        if (a instanceof FrameCap fa) {
            if (b instanceof FrameCap fb) {
                long botA = fa.frame().ptr();
                long botB = fb.frame().ptr();
                long topA = botA + Words.MASK(fa.sizeBits());
                long topB = botB + Words.MASK(fb.sizeBits());
                return Words.ule(botA, botB) && Words.uge(topA, topB) && Words.ule(botB, topB);
            }
            return false;
        }
        if (a instanceof X86PageTableCap pa) {
            return b instanceof X86PageTableCap pb && pa.pt() == pb.pt();
        }
        if (a instanceof ASIDControlCap) {
            return b instanceof ASIDControlCap;
        }
        if (a instanceof ASIDPoolCap pa) {
            return b instanceof ASIDPoolCap pb && pa.pool() == pb.pool();
        }
        if (a instanceof IOPortControlCap) {
            return b instanceof IOPortControlCap || b instanceof IOPortCap;
        }
        if (a instanceof IOPortCap ia) {
            return b instanceof IOPortCap ib && ia.firstPort() == ib.firstPort() && ia.lastPort() == ib.lastPort();
        }
        if (a instanceof X86VCPUCap va) {
            return b instanceof X86VCPUCap vb && va.vcpu() == vb.vcpu();
        }
        return false;
    }

    public boolean Arch_sameObjectAs(Cap a, Cap b) {
        if (a instanceof IOPortControlCap && b instanceof IOPortCap) {
            return false;
        }
        if (a instanceof FrameCap fa && b instanceof FrameCap fb) {
            return fa.frame().ptr() == fb.frame().ptr() && fa.sizeBits() == fb.sizeBits()
                    && fa.isDevice() == fb.isDevice();
        }
        return Arch_sameRegionAs(a, b);
    }

    /** Arch_isCapRevocable: an I/O port cap issued by the control cap is a revocable child. */
    public boolean Arch_isCapRevocable(Cap derivedCap, Cap srcCap) {
        return derivedCap instanceof IOPortCap && srcCap instanceof IOPortControlCap;
    }

    public long cap_get_archCapPtr(Cap cap) {
        if (cap instanceof FrameCap fc) {
            return fc.frame().ptr();
        } else if (cap instanceof X86PageTableCap pt) {
            return pt.pt().ptr();
        } else if (cap instanceof ASIDPoolCap pool) {
            return pool.pool().ptr();
        } else if (cap instanceof X86VCPUCap v) {
            return v.vcpu().ptr();
        }
        return 0;
    }

    public int cap_get_archCapSizeBits(Cap cap) {
        if (cap instanceof FrameCap fc) {
            return fc.sizeBits();
        } else if (cap instanceof X86PageTableCap pt) {
            return pt.pt().sizeBits();
        } else if (cap instanceof ASIDPoolCap) {
            return X86Layout.seL4_ASIDPoolBits;
        } else if (cap instanceof X86VCPUCap) {
            return X86Layout.seL4_X86_VCPUBits;
        }
        return 0;
    }

    /**
     * Arch_decodeInvocation: ASID, I/O port and VCPU caps directly (the I/O port and VCPU
     * decoders receive {@code call}); everything else through Mode_decodeInvocation, which does
     * not pass it on.
     */
    public ExceptionT Arch_decodeInvocation(long invLabel, int length, long cptr, Cte slot, Cap cap, boolean call,
                                            IpcBuffer buffer) {
        if (cap instanceof ASIDControlCap || cap instanceof ASIDPoolCap) {
            return arch.mmu.decodeX86MMUInvocation(invLabel, length, cptr, slot, cap, buffer);
        } else if (cap instanceof IOPortControlCap) {
            return arch.ioPorts.decodeX86PortControlInvocation(invLabel, length, cptr, slot, cap, buffer);
        } else if (cap instanceof IOPortCap io) {
            return arch.ioPorts.decodeX86PortInvocation(invLabel, length, cptr, slot, io, call, buffer);
        } else if (cap instanceof X86VCPUCap v) {
            return arch.vcpuInvocations.decodeX86VCPUInvocation(invLabel, length, cptr, slot, v, call, buffer);
        }
        return Mode_decodeInvocation(invLabel, length, cptr, slot, cap, buffer);
    }

    /** Mode_decodeInvocation: paging structures and frames to the MMU decoder; else InvalidCapability 0. */
    public ExceptionT Mode_decodeInvocation(long invLabel, int length, long cptr, Cte slot, Cap cap, IpcBuffer buffer) {
        if (cap instanceof X86PageTableCap || cap instanceof FrameCap) {
            return arch.mmu.decodeX86MMUInvocation(invLabel, length, cptr, slot, cap, buffer);
        }
        return syscallError(SyscallError.invalidCapability(0));
    }

    /**
     * Arch_prepareThreadDelete: a deleted thread gives up its VCPU. (seL4's x86 version only
     * releases the FPU and leaves the VCPU pointing at the dead TCB; the model drops the
     * association so no VCPU refers to a deleted thread.)
     */
    public void Arch_prepareThreadDelete(Tcb thread) {
        if (thread.tcbArch.tcbVCPU instanceof X86Vcpu v) {
            arch.vcpus.dissociateVcpuTcb(thread, v);
        }
    }
}
