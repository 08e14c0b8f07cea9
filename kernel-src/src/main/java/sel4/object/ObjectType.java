package sel4.object;

import sel4.api.ExceptionT;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.model.Config;
import sel4.object.cap.ArchCap;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cap.DomainCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.SchedControlCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.ZombieCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models seL4's src/object/objecttype.c (Haskell Object/ObjectType): capability derivation,
 * finalisation, comparison, object creation and the invocation dispatcher decodeInvocation.
 *
 * <p>Frame caps and every {@link ArchCap} are architecture caps here, as in seL4 where frames
 * are arch objects: each operation hands them to the corresponding {@code Arch_*} hook.
 */
public final class ObjectType extends KernelModule {
    public ObjectType(Kernel k) {
        super(k);
    }

    /** deriveCap_ret_t. */
    public record DeriveCapRet(ExceptionT status, Cap cap) {
    }

    /** finaliseCap_ret_t. */
    public record FinaliseCapRet(Cap remainder, Cap cleanupInfo) {
    }

    /** isArchCap: the caps whose behaviour the architecture defines. */
    public static boolean isArchCap(Cap cap) {
        return cap instanceof FrameCap || cap instanceof ArchCap;
    }

    // ---- object sizes and cap geometry ----

    /**
     * log2 of the size of an object of type {@code t}; {@code userObjSize} matters for CNodes
     * (slot count), untypeds and scheduling contexts. Returns -1 for an unknown type, which
     * callers validate first (seL4 halts there).
     */
    public int getObjectSize(int t, int userObjSize) {
        if (t >= ObjectTypes.seL4_NonArchObjectTypeCount || t < 0) {
            return t < 0 ? -1 : k.arch.Arch_getObjectSize(t);
        }
        return switch (t) {
            case ObjectTypes.seL4_TCBObject -> Config.seL4_TCBBits;
            case ObjectTypes.seL4_EndpointObject -> Config.seL4_EndpointBits;
            case ObjectTypes.seL4_NotificationObject -> Config.seL4_NotificationBits;
            case ObjectTypes.seL4_CapTableObject -> Config.seL4_SlotBits + userObjSize;
            case ObjectTypes.seL4_UntypedObject, ObjectTypes.seL4_SchedContextObject -> userObjSize;
            case ObjectTypes.seL4_ReplyObject -> Config.seL4_ReplyBits;
            default -> -1;
        };
    }

    /**
     * The kernel object a cap names (C cap_get_capPtr for caps with a heap object), or null for
     * caps without one (untyped, null, control and IRQ caps).
     */
    public static KernelObject capObject(Cap cap) {
        if (cap instanceof EndpointCap c) {
            return c.ep();
        } else if (cap instanceof NotificationCap c) {
            return c.ntfn();
        } else if (cap instanceof CNodeCap c) {
            return c.cnode();
        } else if (cap instanceof ThreadCap c) {
            return c.tcb();
        } else if (cap instanceof ZombieCap c) {
            return c.zombiePtr();
        } else if (cap instanceof ReplyCap c) {
            return c.reply();
        } else if (cap instanceof SchedContextCap c) {
            return c.sc();
        } else if (cap instanceof FrameCap c) {
            return c.frame();
        }
        // Arch caps name their objects through the Arch hooks (cap_get_archCapPtr / SizeBits).
        return null;
    }

    /** cap_get_capIsPhysical: the cap names a region of physical memory. */
    public boolean cap_get_capIsPhysical(Cap cap) {
        if (cap instanceof UntypedCap) {
            return true;
        }
        if (isArchCap(cap)) {
            return k.arch.cap_get_archCapPtr(cap) != 0;
        }
        return capObject(cap) != null;
    }

    /** cap_get_capPtr: base address of the named region (0 when there is none). */
    public long cap_get_capPtr(Cap cap) {
        if (cap instanceof UntypedCap u) {
            return u.ptr();
        }
        if (isArchCap(cap)) {
            return k.arch.cap_get_archCapPtr(cap);
        }
        KernelObject o = capObject(cap);
        return o == null ? 0 : o.ptr();
    }

    /** cap_get_capSizeBits: log2 size of the named region (0 when there is none). */
    public int cap_get_capSizeBits(Cap cap) {
        if (cap instanceof UntypedCap u) {
            return u.blockSize();
        } else if (cap instanceof ZombieCap z) {
            return z.zombieType() == ZombieCap.ZombieType_ZombieTCB
                    ? Config.seL4_TCBBits : z.zombieType() + Config.seL4_SlotBits;
        } else if (cap instanceof SchedContextCap s) {
            return s.sizeBits();
        } else if (isArchCap(cap)) {
            return k.arch.cap_get_archCapSizeBits(cap);
        }
        KernelObject o = capObject(cap);
        return o == null ? 0 : o.sizeBits();
    }

    // ---- derivation ----

    /**
     * The cap a Copy / Mint / transfer may place in a new slot: Zombies and the IRQ control cap
     * are never copied (NullCap), and an untyped can only be copied while it has no children
     * (otherwise two caps would hand out the same free memory).
     */
    public DeriveCapRet deriveCap(Cte slot, Cap cap) {
        if (isArchCap(cap)) {
            return k.arch.Arch_deriveCap(slot, cap);
        }
        if (cap instanceof ZombieCap || cap instanceof IRQControlCap) {
            return new DeriveCapRet(ExceptionT.EXCEPTION_NONE, NullCap.INSTANCE);
        }
        if (cap instanceof UntypedCap) {
            ExceptionT status = k.cnodes.ensureNoChildren(slot);
            return new DeriveCapRet(status, status != ExceptionT.EXCEPTION_NONE ? NullCap.INSTANCE : cap);
        }
        return new DeriveCapRet(ExceptionT.EXCEPTION_NONE, cap);
    }

    // ---- finalisation ----

    /**
     * Releases what an object holds when its cap is deleted. {@code isFinal}: this is the last
     * cap to the object. CNode and thread caps cannot be finalised in one step: they become
     * Zombies whose slots the caller (finaliseSlot) then empties one by one, preemptibly. With
     * {@code exposed} (cteDeleteOne) only caps that finalise immediately are allowed.
     */
    public FinaliseCapRet finaliseCap(Cap cap, boolean isFinal, boolean exposed) {
        if (isArchCap(cap)) {
            return k.arch.Arch_finaliseCap(cap, isFinal);
        }

        // Caps that finalise in one step.
        if (cap instanceof EndpointCap c) {
            if (isFinal) {
                k.endpoints.cancelAllIPC(c.ep());
            }
            return nothingLeft();
        } else if (cap instanceof NotificationCap c) {
            if (isFinal) {
                Notification ntfn = c.ntfn();
                schedContextMaybeUnbindNtfn(ntfn);
                k.notifications.unbindMaybeNotification(ntfn);
                k.notifications.cancelAllSignals(ntfn);
            }
            return nothingLeft();
        } else if (cap instanceof ReplyCap c) {
            if (isFinal) {
                // A caller waiting on the reply is detached from it (and from the SC call
                // stack); a receiver that offered it in Recv stops receiving.
                Reply reply = c.reply();
                if (reply != null && reply.replyTCB != null) {
                    Tcb tcb = reply.replyTCB;
                    ThreadStateType type = tcb.tcbState.tsType();
                    if (type == ThreadStateType.BlockedOnReply) {
                        k.replies.reply_remove(reply, tcb);
                    } else if (type == ThreadStateType.BlockedOnReceive) {
                        k.endpoints.cancelIPC(tcb);
                    } else {
                        fail("Invalid tcb state");
                    }
                }
            }
            return nothingLeft();
        } else if (cap instanceof NullCap || cap instanceof DomainCap) {
            return nothingLeft();
        }

        if (exposed) {
            fail("finaliseCap: failed to finalise immediately.");
        }

        if (cap instanceof CNodeCap c) {
            if (isFinal) {
                return new FinaliseCapRet(new ZombieCap(c.cnode(), c.radix(), 1L << c.radix()), NullCap.INSTANCE);
            }
        } else if (cap instanceof ThreadCap c) {
            if (isFinal) {
                Tcb tcb = c.tcb();
                k.notifications.unbindNotification(tcb);
                SchedContext sc = tcb.tcbSchedContext;
                if (sc != null) {
                    k.schedContexts.schedContext_unbindTCB(sc, tcb);
                    // A thread that yielded to this SC is owed its completion before the SC
                    // loses its holder.
                    if (sc.scYieldFrom != null) {
                        k.schedContexts.schedContext_completeYieldTo(sc.scYieldFrom);
                    }
                }
                k.thread.suspend(tcb);
                k.arch.Arch_prepareThreadDelete(tcb);
                return new FinaliseCapRet(new ZombieCap(tcb, ZombieCap.ZombieType_ZombieTCB, Tcb.tcbCNodeEntries),
                        NullCap.INSTANCE);
            }
        } else if (cap instanceof SchedContextCap c) {
            if (isFinal) {
                SchedContext sc = c.sc();
                k.schedContexts.schedContext_unbindAllTCBs(sc);
                k.schedContexts.schedContext_unbindNtfn(sc);
                k.schedContexts.schedContext_unbindReply(sc);
                if (sc.scYieldFrom != null) {
                    k.schedContexts.schedContext_completeYieldTo(sc.scYieldFrom);
                }
                // An SC with no refills is inactive: nothing can run on it any more.
                sc.scRefillMax = 0;
                sc.scSporadic = false;
                return nothingLeft();
            }
        } else if (cap instanceof ZombieCap) {
            return new FinaliseCapRet(cap, NullCap.INSTANCE);
        } else if (cap instanceof IRQHandlerCap c) {
            if (isFinal) {
                k.interrupts.deletingIRQHandler(c.irq());
                // The IRQ is released only once the slot is empty (postCapDeletion).
                return new FinaliseCapRet(NullCap.INSTANCE, cap);
            }
        }

        return nothingLeft();
    }

    private static FinaliseCapRet nothingLeft() {
        return new FinaliseCapRet(NullCap.INSTANCE, NullCap.INSTANCE);
    }

    /** schedContextMaybeUnbindNtfn (schedcontext.c): drop the SC a notification lends. */
    private void schedContextMaybeUnbindNtfn(Notification ntfn) {
        SchedContext sc = ntfn.ntfnSchedContext;
        if (sc != null) {
            k.schedContexts.schedContext_unbindNtfn(sc);
        }
    }

    /** Deleting this cap may cancel badged sends on its endpoint (full-rights EP caps only). */
    public boolean hasCancelSendRights(Cap cap) {
        return cap instanceof EndpointCap c && c.canSend() && c.canReceive() && c.canGrantReply() && c.canGrant();
    }

    // ---- comparison ----

    /**
     * True when {@code cap_b} names the same object as {@code cap_a} or, for untypeds, lies
     * inside its region. This is what makes b a potential MDB child of a.
     */
    public boolean sameRegionAs(Cap cap_a, Cap cap_b) {
        if (cap_a instanceof UntypedCap a) {
            if (cap_get_capIsPhysical(cap_b)) {
                long aBase = a.ptr();
                long bBase = cap_get_capPtr(cap_b);
                long aTop = aBase + sel4.machine.Words.MASK(a.blockSize());
                long bTop = bBase + sel4.machine.Words.MASK(cap_get_capSizeBits(cap_b));
                return Long.compareUnsigned(aBase, bBase) <= 0 && Long.compareUnsigned(bTop, aTop) <= 0
                        && Long.compareUnsigned(bBase, bTop) <= 0;
            }
            return false;
        } else if (cap_a instanceof EndpointCap a) {
            return cap_b instanceof EndpointCap b && a.ep() == b.ep();
        } else if (cap_a instanceof NotificationCap a) {
            return cap_b instanceof NotificationCap b && a.ntfn() == b.ntfn();
        } else if (cap_a instanceof CNodeCap a) {
            return cap_b instanceof CNodeCap b && a.cnode() == b.cnode() && a.radix() == b.radix();
        } else if (cap_a instanceof ThreadCap a) {
            return cap_b instanceof ThreadCap b && a.tcb() == b.tcb();
        } else if (cap_a instanceof ReplyCap a) {
            return cap_b instanceof ReplyCap b && a.reply() == b.reply();
        } else if (cap_a instanceof DomainCap) {
            return cap_b instanceof DomainCap;
        } else if (cap_a instanceof IRQControlCap) {
            // seL4 also accepts arch caps that descend from IRQ control (Arch_isIRQControlDescendant,
            // AArch64 SGI signal caps); the model's Arch interface has no such hook.
            return cap_b instanceof IRQControlCap || cap_b instanceof IRQHandlerCap;
        } else if (cap_a instanceof IRQHandlerCap a) {
            return cap_b instanceof IRQHandlerCap b && a.irq() == b.irq();
        } else if (cap_a instanceof SchedContextCap a) {
            return cap_b instanceof SchedContextCap b && a.sc() == b.sc() && a.sizeBits() == b.sizeBits();
        } else if (cap_a instanceof SchedControlCap) {
            return cap_b instanceof SchedControlCap;
        } else if (isArchCap(cap_a) && isArchCap(cap_b)) {
            return k.arch.Arch_sameRegionAs(cap_a, cap_b);
        }
        return false;
    }

    /** True when both caps name the same object (an untyped is never the same object as anything). */
    public boolean sameObjectAs(Cap cap_a, Cap cap_b) {
        if (cap_a instanceof UntypedCap || cap_a instanceof IRQControlCap) {
            return false;
        }
        if (isArchCap(cap_a) && isArchCap(cap_b)) {
            return k.arch.Arch_sameObjectAs(cap_a, cap_b);
        }
        return sameRegionAs(cap_a, cap_b);
    }

    // ---- cap modification ----

    /**
     * Applies Mint / Mutate / Rotate data to a cap: sets the badge of an unbadged endpoint or
     * notification cap (a badge is never replaced, and with {@code preserve} never set), or the
     * guard of a CNode cap. An impossible result is the NullCap, which callers reject.
     */
    public Cap updateCapData(boolean preserve, long newData, Cap cap) {
        if (isArchCap(cap)) {
            return k.arch.Arch_updateCapData(preserve, newData, cap);
        }
        if (cap instanceof EndpointCap c) {
            if (!preserve && c.badge() == 0) {
                return new EndpointCap(c.ep(), newData, c.canSend(), c.canReceive(), c.canGrant(), c.canGrantReply());
            }
            return NullCap.INSTANCE;
        } else if (cap instanceof NotificationCap c) {
            if (!preserve && c.badge() == 0) {
                return new NotificationCap(c.ntfn(), newData, c.canSend(), c.canReceive());
            }
            return NullCap.INSTANCE;
        } else if (cap instanceof CNodeCap c) {
            // seL4_CNode_CapData: guard size in the low 6 bits, the guard above it.
            int guardSize = (int) (newData & 0x3f);
            if (guardSize + c.radix() > sel4.machine.Words.wordBits) {
                return NullCap.INSTANCE;
            }
            long guard = (newData >>> 6) & sel4.machine.Words.MASK(guardSize);
            return new CNodeCap(c.cnode(), c.radix(), guard, guardSize);
        }
        return cap;
    }

    /** Removes rights not in {@code cap_rights} (only caps that carry rights change). */
    public Cap maskCapRights(CapRights cap_rights, Cap cap) {
        if (isArchCap(cap)) {
            return k.arch.Arch_maskCapRights(cap_rights, cap);
        }
        if (cap instanceof EndpointCap c) {
            return new EndpointCap(c.ep(), c.badge(),
                    c.canSend() && cap_rights.allowWrite(),
                    c.canReceive() && cap_rights.allowRead(),
                    c.canGrant() && cap_rights.allowGrant(),
                    c.canGrantReply() && cap_rights.allowGrantReply());
        } else if (cap instanceof NotificationCap c) {
            return new NotificationCap(c.ntfn(), c.badge(),
                    c.canSend() && cap_rights.allowWrite(),
                    c.canReceive() && cap_rights.allowRead());
        } else if (cap instanceof ReplyCap c) {
            return new ReplyCap(c.reply(), c.canGrant() && cap_rights.allowGrant());
        }
        return cap;
    }

    /**
     * Whether a cap derived from {@code srcCap} becomes revocable (an MDB parent of its own
     * copies): newly badged endpoint / notification caps, IRQ handlers issued by IRQ control,
     * and untypeds; arch caps decide through Arch_isCapRevocable.
     */
    public boolean isCapRevocable(Cap derivedCap, Cap srcCap) {
        if (isArchCap(derivedCap)) {
            return k.arch.Arch_isCapRevocable(derivedCap, srcCap);
        }
        if (derivedCap instanceof EndpointCap d) {
            return srcCap instanceof EndpointCap s ? d.badge() != s.badge() : d.badge() != 0;
        } else if (derivedCap instanceof NotificationCap d) {
            return srcCap instanceof NotificationCap s ? d.badge() != s.badge() : d.badge() != 0;
        } else if (derivedCap instanceof IRQHandlerCap) {
            return srcCap instanceof IRQControlCap;
        } else if (derivedCap instanceof UntypedCap) {
            return true;
        }
        return false;
    }

    /** Releases what finalisation deferred until the slot was empty (the IRQ of a handler cap). */
    public void postCapDeletion(Cap cap) {
        if (cap instanceof IRQHandlerCap c) {
            k.interrupts.deletedIRQHandler(c.irq());
        } else if (isArchCap(cap)) {
            k.arch.Arch_postCapDeletion(cap);
        }
    }

    // ---- object creation ----

    /**
     * Creates one object of type {@code t} at {@code regionBase}, registers it in the kernel
     * heap and returns the original cap to it (all rights, no badge).
     */
    public Cap createObject(int t, long regionBase, int userSize, boolean deviceMemory) {
        if (t >= ObjectTypes.seL4_NonArchObjectTypeCount) {
            // The arch registers the objects it creates in ksPSpace itself.
            return k.arch.Arch_createObject(t, regionBase, userSize, deviceMemory);
        }
        switch (t) {
            case ObjectTypes.seL4_TCBObject: {
                // The constructor gives seL4's defaults: Inactive, priority and MCP 0, no SC,
                // no notification, no fault, flags 0, empty slots.
                Tcb tcb = new Tcb(regionBase, ks.ksCurDomain);
                ks.ksPSpace.insert(tcb);
                return new ThreadCap(tcb);
            }
            case ObjectTypes.seL4_EndpointObject: {
                Endpoint ep = new Endpoint(regionBase);
                ks.ksPSpace.insert(ep);
                return new EndpointCap(ep, 0, true, true, true, true);
            }
            case ObjectTypes.seL4_NotificationObject: {
                Notification ntfn = new Notification(regionBase);
                ks.ksPSpace.insert(ntfn);
                return new NotificationCap(ntfn, 0, true, true);
            }
            case ObjectTypes.seL4_CapTableObject: {
                CNode cnode = new CNode(regionBase, userSize);
                ks.ksPSpace.insert(cnode);
                return new CNodeCap(cnode, userSize, 0, 0);
            }
            case ObjectTypes.seL4_UntypedObject:
                // Untyped memory has no heap object: the cap is all there is.
                return new UntypedCap(regionBase, userSize, deviceMemory, 0);
            case ObjectTypes.seL4_SchedContextObject: {
                SchedContext sc = new SchedContext(regionBase, userSize);
                ks.ksPSpace.insert(sc);
                return new SchedContextCap(sc, userSize);
            }
            case ObjectTypes.seL4_ReplyObject: {
                Reply reply = new Reply(regionBase);
                ks.ksPSpace.insert(reply);
                return new ReplyCap(reply, true);
            }
            default:
                fail("Invalid object type");
                return NullCap.INSTANCE;
        }
    }

    /**
     * Creates {@code destLength} consecutive objects from {@code regionBase} and inserts their
     * caps as MDB children of {@code parent} into slots destOffset.. of {@code destCNode}.
     */
    public void createNewObjects(int t, Cte parent, CNode destCNode, int destOffset, int destLength,
                                 long regionBase, int userSize, boolean deviceMemory) {
        int objectSize = getObjectSize(t, userSize);
        for (int i = 0; i < destLength; i++) {
            long base = regionBase + ((long) i << objectSize);
            // Retype overlap check (KERNEL-REFERENCE §10): the watermark and the reset guarantee
            // that no live object lies where a new one is placed.
            if (config.checks()) {
                assertion(ks.ksPSpace.objectsIn(base, objectSize).isEmpty(), "retype: new object overlaps "
                        + ks.ksPSpace.objectsIn(base, objectSize), ks.ksCurThread);
            }
            Cap cap = createObject(t, base, userSize, deviceMemory);
            k.cnodes.insertNewCap(parent, destCNode.slots[destOffset + i], cap);
        }
    }

    // ---- the invocation dispatcher ----

    /**
     * Dispatches an invocation of {@code cap} to its decoder (KERNEL-REFERENCE §5). Endpoint,
     * notification and reply caps take no label: they are performed directly, after ct is set
     * to Restart as every decoder does. In the first phase of ReplyRecv / NBSendRecv /
     * NBSendWait (MCS), caps whose invocations could requeue, reprioritise or delete ct are
     * refused.
     */
    public ExceptionT decodeInvocation(long invLabel, int length, long capIndex, Cte slot, Cap cap, boolean block,
                                      boolean call, boolean canDonate, boolean firstPhase, IpcBuffer buffer) {
        if (isArchCap(cap)) {
            return k.arch.Arch_decodeInvocation(invLabel, length, capIndex, slot, cap, call, buffer);
        }

        if (cap instanceof NullCap || cap instanceof ZombieCap) {
            return syscallError(SyscallError.invalidCapability(0));
        }

        if (cap instanceof EndpointCap c) {
            if (!c.canSend()) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return k.endpoints.performInvocation_Endpoint(c.ep(), c.badge(), c.canGrant(), c.canGrantReply(),
                    block, call, canDonate);
        }

        if (cap instanceof NotificationCap c) {
            if (!c.canSend()) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return k.notifications.performInvocation_Notification(c.ntfn(), c.badge());
        }

        if (cap instanceof ReplyCap c) {
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return k.replies.performInvocation_Reply(ks.ksCurThread, c.reply(), c.canGrant());
        }

        if (cap instanceof ThreadCap) {
            if (firstPhase) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            return k.tcbInvocations.decodeTCBInvocation(invLabel, length, cap, slot, call, buffer);
        }

        if (cap instanceof DomainCap) {
            if (firstPhase) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            return k.domains.decodeDomainInvocation(invLabel, length, buffer);
        }

        if (cap instanceof CNodeCap) {
            if (firstPhase) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            return k.cnodes.decodeCNodeInvocation(invLabel, length, cap, buffer);
        }

        if (cap instanceof UntypedCap) {
            return k.untyped.decodeUntypedInvocation(invLabel, length, slot, cap, call, buffer);
        }

        if (cap instanceof IRQControlCap) {
            return k.interrupts.decodeIRQControlInvocation(invLabel, length, slot, buffer);
        }

        if (cap instanceof IRQHandlerCap c) {
            return k.interrupts.decodeIRQHandlerInvocation(invLabel, c.irq());
        }

        if (cap instanceof SchedControlCap) {
            if (firstPhase) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            return k.schedControl.decodeSchedControlInvocation(invLabel, cap, length, buffer);
        }

        if (cap instanceof SchedContextCap) {
            if (firstPhase) {
                return syscallError(SyscallError.invalidCapability(0));
            }
            return k.schedContexts.decodeSchedContextInvocation(invLabel, cap, buffer);
        }

        fail("Invalid cap type");
        return ExceptionT.EXCEPTION_SYSCALL_ERROR;
    }
}
