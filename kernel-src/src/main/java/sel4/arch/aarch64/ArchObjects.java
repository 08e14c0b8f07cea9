package sel4.arch.aarch64;

import static sel4.arch.aarch64.ArmObjectTypes.seL4_ARM_HugePageObject;
import static sel4.arch.aarch64.ArmObjectTypes.seL4_ARM_LargePageObject;
import static sel4.arch.aarch64.ArmObjectTypes.seL4_ARM_PageTableObject;
import static sel4.arch.aarch64.ArmObjectTypes.seL4_ARM_SmallPageObject;
import static sel4.arch.aarch64.ArmObjectTypes.seL4_ARM_VCPUObject;
import static sel4.arch.aarch64.ArmObjectTypes.seL4_ARM_VSpaceObject;

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
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/arch/arm/64/object/objecttype.c with the cap helpers of
 * include/arch/arm/arch/object/structures.h and include/arch/arm/arch/64/mode/object/structures.h
 * (Haskell Object/ObjectType/AARCH64): object sizes and creation, cap derivation, finalisation,
 * comparison, badge / rights updates and the arch invocation dispatcher.
 */
public final class ArchObjects extends ArmModule {
    ArchObjects(AArch64 arch) {
        super(arch);
    }

    public boolean Arch_isFrameType(int type) {
        return type == seL4_ARM_SmallPageObject || type == seL4_ARM_LargePageObject || type == seL4_ARM_HugePageObject;
    }

    /** Arch_getObjectSize: size bits of an AArch64 object type, -1 for any other type. */
    public int Arch_getObjectSize(int type) {
        if (type == seL4_ARM_SmallPageObject) {
            return ArmLayout.ARMSmallPageBits;
        } else if (type == seL4_ARM_LargePageObject) {
            return ArmLayout.ARMLargePageBits;
        } else if (type == seL4_ARM_HugePageObject) {
            return ArmLayout.ARMHugePageBits;
        } else if (type == seL4_ARM_PageTableObject) {
            return ArmObjectTypes.seL4_PageTableBits;
        } else if (type == seL4_ARM_VSpaceObject) {
            return ArmObjectTypes.seL4_VSpaceBits;
        } else if (type == seL4_ARM_VCPUObject) {
            return ArmObjectTypes.VCPU_SIZE_BITS;
        }
        return -1;
    }

    /**
     * Arch_createObject: places the object at {@code regionBase}, registers it in the heap and
     * returns its (unmapped) cap. Frames start read-write.
     */
    public Cap Arch_createObject(int type, long regionBase, int userSize, boolean deviceMemory) {
        if (Arch_isFrameType(type)) {
            Frame frame = new Frame(regionBase, Arch_getObjectSize(type), deviceMemory);
            ks.ksPSpace.insert(frame);
            return new FrameCap(frame, VMRights.VMReadWrite, deviceMemory, AsidPool.asidInvalid, 0);
        }
        if (type == seL4_ARM_VSpaceObject) {
            PageTable pt = new PageTable(regionBase, ArmObjectTypes.seL4_VSpaceBits, PageTable.PtType.VSRootPT_T,
                    ArmLayout.seL4_VSpaceIndexBits);
            ks.ksPSpace.insert(pt);
            return PageTableCap.unmapped(pt);
        }
        if (type == seL4_ARM_PageTableObject) {
            PageTable pt = new PageTable(regionBase, ArmObjectTypes.seL4_PageTableBits, PageTable.PtType.NormalPT_T,
                    ArmLayout.PT_INDEX_BITS);
            ks.ksPSpace.insert(pt);
            return PageTableCap.unmapped(pt);
        }
        if (type == seL4_ARM_VCPUObject) {
            Vcpu vcpu = new Vcpu(regionBase);
            arch.vcpus.vcpu_init(vcpu);
            ks.ksPSpace.insert(vcpu);
            return new VCPUCap(vcpu);
        }
        fail("Arch_createObject got an API type or invalid object type");
        return NullCap.INSTANCE;
    }

    /**
     * Arch_deriveCap: frames lose their mapping (so a copy can be mapped elsewhere); page tables
     * and VSpace roots can be copied only while mapped / assigned an ASID; SMMU control caps
     * cannot be copied at all (derive to a null cap).
     */
    public ObjectType.DeriveCapRet Arch_deriveCap(Cte slot, Cap cap) {
        if (cap instanceof PageTableCap pt) {
            if (pt.isMapped()) {
                return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, cap);
            }
            ks.current_syscall_error = SyscallError.illegalOperation();
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, NullCap.INSTANCE);
        }
        if (cap instanceof FrameCap fc) {
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, fc.withMapping(AsidPool.asidInvalid, 0));
        }
        if (cap instanceof ASIDControlCap || cap instanceof ASIDPoolCap || cap instanceof VCPUCap
                || cap instanceof SGISignalCap || cap instanceof SIDCap || cap instanceof CBCap
                || cap instanceof SMCCap) {
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, cap);
        }
        if (cap instanceof SIDControlCap || cap instanceof CBControlCap) {
            return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, NullCap.INSTANCE);
        }
        fail("Invalid arch cap");
        return new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, NullCap.INSTANCE);
    }

    /** Arch_updateCapData: only an unbadged SMC cap takes a badge (Mint); anything else is unchanged. */
    public Cap Arch_updateCapData(boolean preserve, long data, Cap cap) {
        if (cap instanceof SMCCap smc) {
            if (!preserve && smc.badge() == 0) {
                return new SMCCap(data);
            }
            return NullCap.INSTANCE;
        }
        return cap;
    }

    /** Arch_maskCapRights: frames narrow their VM rights; other arch caps have no rights. */
    public Cap Arch_maskCapRights(CapRights cap_rights_mask, Cap cap) {
        if (cap instanceof FrameCap fc) {
            return fc.withRights(VSpace.maskVMRights(fc.vmRights(), cap_rights_mask));
        }
        return cap;
    }

    /**
     * Arch_finaliseCap: a mapped frame is unmapped whenever a copy goes; page tables, VSpace
     * roots, pools, VCPUs and SMMU banks / streams are torn down when their last cap goes.
     */
    public ObjectType.FinaliseCapRet Arch_finaliseCap(Cap cap, boolean isFinal) {
        if (cap instanceof ASIDPoolCap pool) {
            if (isFinal) {
                arch.asids.deleteASIDPool(pool.asidBase(), pool.pool());
            }
        } else if (cap instanceof PageTableCap pt && pt.isVSpaceRoot()) {
            if (pt.mappedCB() != Smmu.CB_INVALID) {
                arch.smmu.smmu_cb_delete_vspace(pt.mappedCB(), pt.mappedASID());
            }
            if (isFinal && pt.isMapped()) {
                arch.asids.deleteASID(pt.mappedASID(), pt.pt());
            }
        } else if (cap instanceof PageTableCap pt) {
            if (isFinal && pt.isMapped()) {
                arch.vspace.unmapPageTable(pt.mappedASID(), pt.mappedAddress(), pt.pt());
            }
        } else if (cap instanceof FrameCap fc) {
            if (fc.mappedASID() != 0) {
                arch.vspace.unmapPage(fc.sizeBits(), fc.mappedASID(), fc.mappedAddress(), fc.frame().ptr());
            }
        } else if (cap instanceof VCPUCap v) {
            if (isFinal) {
                arch.vcpus.vcpu_finalise(v.vcpu());
            }
        } else if (cap instanceof CBCap cb) {
            if (cb.bindSID() != Smmu.SID_INVALID) {
                arch.smmu.smmu_sid_unbind(cb.bindSID());
            }
            if (isFinal) {
                arch.smmu.smmu_delete_cb(cb);
            }
        } else if (cap instanceof SIDCap sid) {
            if (isFinal) {
                arch.smmu.smmu_delete_sid(sid);
            }
        }
        return new ObjectType.FinaliseCapRet(NullCap.INSTANCE, NullCap.INSTANCE);
    }

    /** Arch_sameRegionAs: frames by containment, other objects by identity, control caps by type. */
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
        if (a instanceof PageTableCap pa) {
            return b instanceof PageTableCap pb && pa.pt() == pb.pt();
        }
        if (a instanceof ASIDControlCap) {
            return b instanceof ASIDControlCap;
        }
        if (a instanceof ASIDPoolCap pa) {
            return b instanceof ASIDPoolCap pb && pa.pool() == pb.pool();
        }
        if (a instanceof VCPUCap va) {
            return b instanceof VCPUCap vb && va.vcpu() == vb.vcpu();
        }
        if (a instanceof SGISignalCap sa) {
            return b instanceof SGISignalCap sb && sa.irq() == sb.irq() && sa.target() == sb.target();
        }
        if (a instanceof SIDControlCap) {
            return b instanceof SIDControlCap || b instanceof SIDCap;
        }
        if (a instanceof CBControlCap) {
            return b instanceof CBControlCap || b instanceof CBCap;
        }
        if (a instanceof SIDCap sa) {
            return b instanceof SIDCap sb && sa.sid() == sb.sid();
        }
        if (a instanceof CBCap ca) {
            return b instanceof CBCap cb && ca.cb() == cb.cb();
        }
        if (a instanceof SMCCap) {
            return b instanceof SMCCap;
        }
        return false;
    }

    /**
     * Arch_sameObjectAs: frames must be the same frame (base, size, device flag); control caps are
     * not the same object as the caps they issue; an SGI signal cap is never the same object.
     */
    public boolean Arch_sameObjectAs(Cap a, Cap b) {
        if (a instanceof FrameCap fa) {
            if (b instanceof FrameCap fb) {
                return fa.frame().ptr() == fb.frame().ptr() && fa.sizeBits() == fb.sizeBits()
                        && fa.isDevice() == fb.isDevice();
            }
        }
        if (a instanceof SIDControlCap && b instanceof SIDCap) {
            return false;
        }
        if (a instanceof CBControlCap && b instanceof CBCap) {
            return false;
        }
        if (a instanceof SGISignalCap) {
            return false;
        }
        return Arch_sameRegionAs(a, b);
    }

    /**
     * Arch_isCapRevocable: an SGI signal cap issued from IRQ control, and an SMC cap minted with a
     * different badge, are revocable children; other arch caps are not.
     */
    public boolean Arch_isCapRevocable(Cap derivedCap, Cap srcCap) {
        if (derivedCap instanceof SGISignalCap) {
            return srcCap instanceof IRQControlCap;
        }
        if (derivedCap instanceof SMCCap d) {
            return srcCap instanceof SMCCap s && d.badge() != s.badge();
        }
        return false;
    }

    /** cap_get_archCapPtr: the object an arch cap names, 0 for caps without an object. */
    public long cap_get_archCapPtr(Cap cap) {
        if (cap instanceof FrameCap fc) {
            return fc.frame().ptr();
        } else if (cap instanceof PageTableCap pt) {
            return pt.pt().ptr();
        } else if (cap instanceof ASIDPoolCap pool) {
            return pool.pool().ptr();
        } else if (cap instanceof VCPUCap v) {
            return v.vcpu().ptr();
        }
        return 0;
    }

    /** cap_get_archCapSizeBits: the size of that object, 0 for caps without an object. */
    public int cap_get_archCapSizeBits(Cap cap) {
        if (cap instanceof FrameCap fc) {
            return fc.sizeBits();
        } else if (cap instanceof PageTableCap pt) {
            return pt.pt().sizeBits();
        } else if (cap instanceof ASIDPoolCap) {
            return ArmObjectTypes.seL4_ASIDPoolBits;
        } else if (cap instanceof VCPUCap) {
            return ArmObjectTypes.VCPU_SIZE_BITS;
        }
        return 0;
    }

    /** Arch_decodeInvocation: VCPU, SGI, SMMU and SMC caps by type; everything else to the MMU. */
    public ExceptionT Arch_decodeInvocation(long label, int length, long cptr, Cte slot, Cap cap, boolean call,
                                            IpcBuffer buffer) {
        if (cap instanceof VCPUCap v) {
            return arch.vcpuInvocations.decodeARMVCPUInvocation(label, length, cptr, slot, v, call, buffer);
        } else if (cap instanceof SGISignalCap s) {
            return arch.sgi.decodeSGISignalInvocation(label, length, s, buffer);
        } else if (cap instanceof SIDControlCap) {
            return arch.smmu.decodeARMSIDControlInvocation(label, length, cptr, slot, cap, call, buffer);
        } else if (cap instanceof SIDCap s) {
            return arch.smmu.decodeARMSIDInvocation(label, length, cptr, slot, s, call, buffer);
        } else if (cap instanceof CBControlCap) {
            return arch.smmu.decodeARMCBControlInvocation(label, length, cptr, slot, cap, call, buffer);
        } else if (cap instanceof CBCap c) {
            return arch.smmu.decodeARMCBInvocation(label, length, cptr, slot, c, call, buffer);
        } else if (cap instanceof SMCCap s) {
            return arch.smc.decodeARMSMCInvocation(label, length, s, call, buffer);
        }
        return arch.vspaceInvocations.decodeARMMMUInvocation(label, length, cptr, slot, cap, buffer);
    }

    /** Arch_prepareThreadDelete: a deleted thread gives up its VCPU. */
    public void Arch_prepareThreadDelete(Tcb thread) {
        if (thread.tcbArch.tcbVCPU instanceof Vcpu v) {
            arch.vcpus.dissociateVCPUTCB(v, thread);
        }
    }
}
