package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.ARMASIDControlMakePool;
import static sel4.api.InvocationLabel.ARMASIDPoolAssign;
import static sel4.api.InvocationLabel.ARMPageCleanInvalidate_Data;
import static sel4.api.InvocationLabel.ARMPageClean_Data;
import static sel4.api.InvocationLabel.ARMPageGetAddress;
import static sel4.api.InvocationLabel.ARMPageInvalidate_Data;
import static sel4.api.InvocationLabel.ARMPageMap;
import static sel4.api.InvocationLabel.ARMPageTableMap;
import static sel4.api.InvocationLabel.ARMPageTableUnmap;
import static sel4.api.InvocationLabel.ARMPageUnify_Instruction;
import static sel4.api.InvocationLabel.ARMPageUnmap;
import static sel4.api.InvocationLabel.ARMVSpaceCleanInvalidate_Data;
import static sel4.api.InvocationLabel.ARMVSpaceClean_Data;
import static sel4.api.InvocationLabel.ARMVSpaceInvalidate_Data;
import static sel4.api.InvocationLabel.ARMVSpaceUnify_Instruction;
import static sel4.api.InvocationLabel.CNodeDelete;
import static sel4.api.InvocationLabel.UntypedRetype;
import static sel4.labels.ArmSpaces.ASID_CONTROL;
import static sel4.labels.ArmSpaces.INIT_POOL;
import static sel4.labels.ArmSpaces.VADDR;
import static sel4.labels.CallerView.alignment;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.invalidCapability;
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
import sel4.api.ObjectTypes;
import sel4.arch.aarch64.ArmHardware;
import sel4.arch.aarch64.ArmLayout;
import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.PageTableCap;
import sel4.arch.aarch64.VSpace;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.arch.common.Pte;
import sel4.model.Config;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.user.ArchStubs;
import sel4.user.SyscallResult;

/**
 * The AArch64 MMU labels (src/arch/arm/64/kernel/vspace.c decodeARMMMUInvocation): VSpace-root
 * cache maintenance, page-table map and unmap, frame map, unmap, cache maintenance and
 * GetAddress (legacy A0 form: MR0 written, then the empty reply's msgInfo over it), ASID control
 * MakePool and ASID pool Assign.
 *
 * <p>Two checks of decodeARMASIDPoolInvocation cannot be reached through syscalls: the pool of a
 * live pool cap is always in the ASID table, and it is always the cap's own pool, because a pool
 * leaves the table only when its last cap is deleted. The frame-flush check that the physical
 * range lies in the kernel window cannot fail for the model's frames, which are all RAM.
 */
final class ArmVSpaceCases implements CaseFamily {
    private static final Map<InvocationLabel, List<String>> VSPACE_FLUSHES = Map.of(
            ARMVSpaceClean_Data, List.of("cleanCacheRange_RAM"),
            ARMVSpaceInvalidate_Data, List.of("invalidateCacheRange_RAM"),
            ARMVSpaceCleanInvalidate_Data, List.of("cleanInvalidateCacheRange_RAM"),
            ARMVSpaceUnify_Instruction, List.of("cleanCacheRange_PoU", "invalidateCacheRange_I"));
    private static final Map<InvocationLabel, List<String>> PAGE_FLUSHES = Map.of(
            ARMPageClean_Data, List.of("cleanCacheRange_RAM"),
            ARMPageInvalidate_Data, List.of("invalidateCacheRange_RAM"),
            ARMPageCleanInvalidate_Data, List.of("cleanInvalidateCacheRange_RAM"),
            ARMPageUnify_Instruction, List.of("cleanCacheRange_PoU", "invalidateCacheRange_I"));
    private static final long PAGE = 1L << Config.seL4_PageBits;

    @Override
    public String name() {
        return "AArch64 VSpace, page tables, frames, ASIDs";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        for (InvocationLabel l : List.of(ARMVSpaceClean_Data, ARMVSpaceInvalidate_Data, ARMVSpaceCleanInvalidate_Data,
                ARMVSpaceUnify_Instruction)) {
            vspaceFlush(c, l);
        }
        pageTables(c);
        pageMap(c);
        for (InvocationLabel l : List.of(ARMPageClean_Data, ARMPageInvalidate_Data, ARMPageCleanInvalidate_Data,
                ARMPageUnify_Instruction)) {
            pageFlush(c, l);
        }
        unmapAndGetAddress(c);
        asids(c);
        return c.rows();
    }

    private static List<String> opNames(Rig r) {
        return r.arm().hardware().cacheOps().stream().map(ArmHardware.CacheOp::op).toList();
    }

    private static long ipcBufferPage(Rig r) {
        return r.root.bootInfo().ipcBufferVaddr() & ~(PAGE - 1);
    }

    // ---- VSpace-root cache maintenance ----

    private static void vspaceFlush(CaseList c, InvocationLabel l) {
        c.success(l, "maintains the cache lines of a resident range: " + VSPACE_FLUSHES.get(l), r -> {
            long page = ipcBufferPage(r);
            emptyReply(r.call(ROOT_VSPACE, l, NO_CAPS, page + 0x40, page + 0x80));
            assertThat(opNames(r)).isEqualTo(VSPACE_FLUSHES.get(l));
            ArmHardware.CacheOp op = r.arm().hardware().cacheOps().get(0);
            assertThat(op.end() - op.start()).as("inclusive end").isEqualTo(0x3f);
        });
        c.success(l, "nothing resident at the start address: succeeds without maintenance", r -> {
            emptyReply(r.call(ArmSpaces.vspace(r), l, NO_CAPS, VADDR, VADDR + 0x40));
            assertThat(opNames(r)).isEmpty();
        });
        c.error(l, "TruncatedMessage: fewer than two words", r ->
                truncated(r.call(ROOT_VSPACE, l, NO_CAPS, ipcBufferPage(r))));
        c.error(l, "InvalidArgument 1: end not after start", r -> {
            long page = ipcBufferPage(r);
            invalidArgument(r.call(ROOT_VSPACE, l, NO_CAPS, page + 0x80, page + 0x80), 1);
            assertThat(opNames(r)).isEmpty();
        });
        c.error(l, "IllegalOperation: end beyond user space", r ->
                illegal(r.call(ROOT_VSPACE, l, NO_CAPS, 0x1000, ArmLayout.USER_TOP + 1)));
        c.error(l, "InvalidCapability 0: the VSpace has no ASID", r ->
                invalidCapability(r.call(ArmSpaces.unassignedVSpace(r), l, NO_CAPS, VADDR, VADDR + 0x40), 0));
        c.error(l, "FailedLookup [0, invalid root]: the VSpace's ASID pool was deleted", r ->
                failedLookup(r.call(ArmSpaces.orphanVSpace(r), l, NO_CAPS, VADDR, VADDR + 0x40), false,
                        new LookupFault.InvalidRoot()));
        c.error(l, "InvalidCapability 0: the VSpace's ASID belongs to another VSpace now", r ->
                invalidCapability(r.call(ArmSpaces.staleVSpace(r), l, NO_CAPS, VADDR, VADDR + 0x40), 0));
        c.error(l, "RangeError [start, end of page]: the range crosses the page", r -> {
            long page = ipcBufferPage(r);
            range(r.call(ROOT_VSPACE, l, NO_CAPS, page + 0xff0, page + PAGE + 0x10), page + 0xff0, page + PAGE - 1);
            assertThat(opNames(r)).isEmpty();
        });
    }

    // ---- page tables ----

    private static void pageTables(CaseList c) {
        c.success(ARMPageTableMap, "maps the table for the address's 1 GiB region", r -> {
            long vs = ArmSpaces.vspace(r);
            long pt = ArmSpaces.pageTable(r);
            emptyReply(r.call(pt, ARMPageTableMap, caps(vs), VADDR, 0));
            PageTableCap cap = (PageTableCap) r.cap(pt);
            assertThat(cap.isMapped()).isTrue();
            assertThat(cap.mappedAddress()).isEqualTo(VADDR & ~((1L << 30) - 1));
            PageTable root = ((PageTableCap) r.cap(vs)).pt();
            assertThat(r.arm().vspace.lookupPTSlot(root, VADDR).table()).isSameAs(cap.pt());
        });
        c.error(ARMPageTableMap, "TruncatedMessage: fewer than two words or no VSpace cap", r -> {
            long vs = ArmSpaces.vspace(r);
            long pt = ArmSpaces.pageTable(r);
            truncated(r.call(pt, ARMPageTableMap, caps(vs), VADDR));
            truncated(r.call(pt, ARMPageTableMap, NO_CAPS, VADDR, 0));
            assertThat(((PageTableCap) r.cap(pt)).isMapped()).isFalse();
        });
        c.error(ARMPageTableMap, "InvalidCapability 0: the table is already mapped", r -> {
            long vs = ArmSpaces.vspace(r);
            long pt = ArmSpaces.pageTable(r);
            r.setUp(pt, ARMPageTableMap, caps(vs), VADDR, 0);
            invalidCapability(r.call(pt, ARMPageTableMap, caps(ArmSpaces.vspace(r)), VADDR, 0), 0);
        });
        c.error(ARMPageTableMap, "InvalidCapability 1: not a VSpace root with an ASID", r -> {
            long pt = ArmSpaces.pageTable(r);
            invalidCapability(r.call(pt, ARMPageTableMap, caps(ArmSpaces.unassignedVSpace(r)), VADDR, 0), 1);
            invalidCapability(r.call(pt, ARMPageTableMap, caps(ArmSpaces.pageTable(r)), VADDR, 0), 1);
            assertThat(((PageTableCap) r.cap(pt)).isMapped()).isFalse();
        });
        c.error(ARMPageTableMap, "InvalidArgument 0: address beyond user space", r -> {
            long pt = ArmSpaces.pageTable(r);
            invalidArgument(r.call(pt, ARMPageTableMap, caps(ArmSpaces.vspace(r)), ArmLayout.USER_TOP + 1, 0), 0);
        });
        c.error(ARMPageTableMap, "FailedLookup [0, invalid root]: the VSpace's ASID pool was deleted", r ->
                failedLookup(r.call(ArmSpaces.pageTable(r), ARMPageTableMap, caps(ArmSpaces.orphanVSpace(r)), VADDR,
                        0), false, new LookupFault.InvalidRoot()));
        c.error(ARMPageTableMap, "InvalidCapability 1: the VSpace's ASID belongs to another VSpace now", r ->
                invalidCapability(r.call(ArmSpaces.pageTable(r), ARMPageTableMap, caps(ArmSpaces.staleVSpace(r)),
                        VADDR, 0), 1));
        c.error(ARMPageTableMap, "DeleteFirst: a table is already there, or the walk reached the page level", r -> {
            long vs = ArmSpaces.vspace(r);
            r.setUp(ArmSpaces.pageTable(r), ARMPageTableMap, caps(vs), VADDR, 0);
            r.setUp(ArmSpaces.pageTable(r), ARMPageTableMap, caps(vs), VADDR, 0);
            long third = ArmSpaces.pageTable(r);
            deleteFirst(r.call(third, ARMPageTableMap, caps(vs), VADDR, 0));
            long vs2 = ArmSpaces.vspace(r);
            long frame = ArmSpaces.mappedFrame(r, vs2);
            assertThat(r.cap(frame)).isInstanceOf(FrameCap.class);
            deleteFirst(r.call(third, ARMPageTableMap, caps(vs2), VADDR, 0));
            assertThat(((PageTableCap) r.cap(third)).isMapped()).isFalse();
        });
        c.success(ARMPageTableUnmap, "unmaps the table and clears it", r -> {
            long vs = ArmSpaces.vspace(r);
            long pt = ArmSpaces.mapTables(r, vs, VADDR);
            emptyReply(r.call(pt, ARMPageTableUnmap, NO_CAPS));
            assertThat(((PageTableCap) r.cap(pt)).isMapped()).isFalse();
            PageTable root = ((PageTableCap) r.cap(vs)).pt();
            assertThat(r.arm().vspace.lookupPTSlot(root, VADDR).ptBitsLeft()).isEqualTo(21);
        });
        c.error(ARMPageTableUnmap, "RevokeFirst: another cap to the table exists", r -> {
            long vs = ArmSpaces.vspace(r);
            long pt = ArmSpaces.mapTables(r, vs, VADDR);
            r.copy(pt);
            revokeFirst(r.call(pt, ARMPageTableUnmap, NO_CAPS));
            assertThat(((PageTableCap) r.cap(pt)).isMapped()).isTrue();
        });
    }

    // ---- frame map ----

    private static SyscallResult map(Rig r, long frame, long vs, long vaddr) {
        return r.call(frame, ARMPageMap, caps(vs), vaddr, ArchStubs.seL4_ReadWrite,
                ArchStubs.seL4_ARM_Default_VMAttributes);
    }

    private static void pageMap(CaseList c) {
        c.success(ARMPageMap, "maps the frame: the PTE points at it, the cap records ASID and address", r -> {
            long vs = ArmSpaces.vspace(r);
            ArmSpaces.mapTables(r, vs, VADDR);
            long frame = r.root.newFrame();
            emptyReply(map(r, frame, vs, VADDR));
            FrameCap cap = (FrameCap) r.cap(frame);
            assertThat(cap.mappedAddress()).isEqualTo(VADDR);
            assertThat(cap.mappedASID()).isEqualTo(((PageTableCap) r.cap(vs)).mappedASID());
            PageTable root = ((PageTableCap) r.cap(vs)).pt();
            Pte pte = r.arm().vspace.lookupPTSlot(root, VADDR).pte();
            assertThat(((Pte.PagePte) pte).frame()).isSameAs(cap.frame());
            assertThat(((Pte.PagePte) pte).rights()).isEqualTo(VMRights.VMReadWrite);
        });
        c.success(ARMPageMap, "remapping at the same place changes the rights", r -> {
            long vs = ArmSpaces.vspace(r);
            long frame = ArmSpaces.mappedFrame(r, vs);
            emptyReply(r.call(frame, ARMPageMap, caps(vs), VADDR, TcbControlCases.READ,
                    ArchStubs.seL4_ARM_Default_VMAttributes));
            PageTable root = ((PageTableCap) r.cap(vs)).pt();
            Pte.PagePte pte = (Pte.PagePte) r.arm().vspace.lookupPTSlot(root, VADDR).pte();
            assertThat(pte.rights()).isEqualTo(VMRights.VMReadOnly);
        });
        c.error(ARMPageMap, "TruncatedMessage: fewer than three words or no VSpace cap", r -> {
            long vs = ArmSpaces.vspace(r);
            long frame = r.root.newFrame();
            truncated(r.call(frame, ARMPageMap, caps(vs), VADDR, ArchStubs.seL4_ReadWrite));
            truncated(r.call(frame, ARMPageMap, NO_CAPS, VADDR, ArchStubs.seL4_ReadWrite, 0));
            assertThat(((FrameCap) r.cap(frame)).isMapped()).isFalse();
        });
        c.error(ARMPageMap, "InvalidCapability 1: not a VSpace root with an ASID", r -> {
            long frame = r.root.newFrame();
            invalidCapability(map(r, frame, ArmSpaces.unassignedVSpace(r), VADDR), 1);
            invalidCapability(map(r, frame, r.endpoint(), VADDR), 1);
            assertThat(((FrameCap) r.cap(frame)).isMapped()).isFalse();
        });
        c.error(ARMPageMap, "FailedLookup [0, invalid root]: the VSpace's ASID pool was deleted", r ->
                failedLookup(map(r, r.root.newFrame(), ArmSpaces.orphanVSpace(r), VADDR), false,
                        new LookupFault.InvalidRoot()));
        c.error(ARMPageMap, "InvalidCapability 1: the VSpace's ASID belongs to another VSpace now", r ->
                invalidCapability(map(r, r.root.newFrame(), ArmSpaces.staleVSpace(r), VADDR), 1));
        c.error(ARMPageMap, "AlignmentError: address not aligned to the page size", r -> {
            long vs = ArmSpaces.vspace(r);
            ArmSpaces.mapTables(r, vs, VADDR);
            long frame = r.root.newFrame();
            alignment(map(r, frame, vs, VADDR + 0x800));
            assertThat(((FrameCap) r.cap(frame)).isMapped()).isFalse();
        });
        c.error(ARMPageMap, "InvalidCapability 1: a mapped frame remapped into another VSpace", r -> {
            long frame = ArmSpaces.mappedFrame(r, ArmSpaces.vspace(r));
            long other = ArmSpaces.vspace(r);
            ArmSpaces.mapTables(r, other, VADDR);
            invalidCapability(map(r, frame, other, VADDR), 1);
        });
        c.error(ARMPageMap, "InvalidArgument 0: a mapped frame remapped at another address", r -> {
            long vs = ArmSpaces.vspace(r);
            long frame = ArmSpaces.mappedFrame(r, vs);
            invalidArgument(map(r, frame, vs, VADDR + PAGE), 0);
            assertThat(((FrameCap) r.cap(frame)).mappedAddress()).isEqualTo(VADDR);
        });
        c.error(ARMPageMap, "InvalidArgument 0: the page would end beyond user space", r -> {
            long frame = r.root.newFrame();
            invalidArgument(map(r, frame, ArmSpaces.vspace(r), ArmLayout.USER_TOP + 1), 0);
        });
        c.error(ARMPageMap, "FailedLookup [0, missing capability]: no page table for the address", r -> {
            long vs = ArmSpaces.vspace(r);
            long frame = r.root.newFrame();
            failedLookup(map(r, frame, vs, VADDR), false, new LookupFault.MissingCapability(30));
            r.setUp(ArmSpaces.pageTable(r), ARMPageTableMap, caps(vs), VADDR, 0);
            failedLookup(map(r, frame, vs, VADDR), false, new LookupFault.MissingCapability(21));
            assertThat(((FrameCap) r.cap(frame)).isMapped()).isFalse();
        });
    }

    // ---- frame cache maintenance ----

    private static void pageFlush(CaseList c, InvocationLabel l) {
        c.success(l, "maintains the cache lines of the offsets in the mapped frame: " + PAGE_FLUSHES.get(l), r -> {
            long frame = ArmSpaces.mappedFrame(r, ArmSpaces.vspace(r));
            emptyReply(r.call(frame, l, NO_CAPS, 0x10, 0x50));
            assertThat(opNames(r)).isEqualTo(PAGE_FLUSHES.get(l));
            long paddr = ArmLayout.pptr_to_paddr(((FrameCap) r.cap(frame)).frame().ptr());
            assertThat(r.arm().hardware().cacheOps().get(0).pstart()).isEqualTo(paddr + 0x10);
        });
        c.error(l, "TruncatedMessage: fewer than two words", r ->
                truncated(r.call(ArmSpaces.mappedFrame(r, ArmSpaces.vspace(r)), l, NO_CAPS, 0x10)));
        c.error(l, "IllegalOperation: the frame is not mapped", r -> {
            illegal(r.call(r.root.newFrame(), l, NO_CAPS, 0x10, 0x50));
            assertThat(opNames(r)).isEmpty();
        });
        c.error(l, "FailedLookup [0, invalid root]: the frame's ASID pool was deleted", r -> {
            ArmSpaces.Pool p = ArmSpaces.pool(r);
            long frame = ArmSpaces.mappedFrame(r, ArmSpaces.vspace(r, p.cap()));
            r.setUp(CNODE, CNodeDelete, NO_CAPS, p.cap(), DEPTH);
            failedLookup(r.call(frame, l, NO_CAPS, 0x10, 0x50), false, new LookupFault.InvalidRoot());
            assertThat(opNames(r)).isEmpty();
        });
        c.error(l, "InvalidArgument 1: end not after start", r -> {
            invalidArgument(r.call(ArmSpaces.mappedFrame(r, ArmSpaces.vspace(r)), l, NO_CAPS, 0x50, 0x50), 1);
            assertThat(opNames(r)).isEmpty();
        });
        c.error(l, "InvalidArgument 0: offsets beyond the page", r -> {
            long frame = ArmSpaces.mappedFrame(r, ArmSpaces.vspace(r));
            invalidArgument(r.call(frame, l, NO_CAPS, 0x10, PAGE + 1), 0);
            invalidArgument(r.call(frame, l, NO_CAPS, PAGE, PAGE + 8), 0);
            assertThat(opNames(r)).isEmpty();
        });
    }

    // ---- frame unmap and GetAddress ----

    private static void unmapAndGetAddress(CaseList c) {
        c.success(ARMPageUnmap, "removes the mapping; the cap forgets it", r -> {
            long vs = ArmSpaces.vspace(r);
            long frame = ArmSpaces.mappedFrame(r, vs);
            emptyReply(r.call(frame, ARMPageUnmap, NO_CAPS));
            assertThat(((FrameCap) r.cap(frame)).isMapped()).isFalse();
            PageTable root = ((PageTableCap) r.cap(vs)).pt();
            assertThat(r.arm().vspace.lookupPTSlot(root, VADDR).pte().isValid()).isFalse();
        });
        c.error(ARMPageUnmap, "IllegalOperation: sent to a page-table cap, which takes only table labels", r -> {
            long vs = ArmSpaces.vspace(r);
            long pt = ArmSpaces.mapTables(r, vs, VADDR);
            illegal(r.call(pt, ARMPageUnmap, NO_CAPS));
            assertThat(((PageTableCap) r.cap(pt)).isMapped()).isTrue();
        });
        c.legacySuccess(ARMPageGetAddress, "C", "legacy A0 form: MR0 = physical address, msgInfo of the empty reply (length 0)",
                r -> {
                    long frame = r.root.newFrame();
                    SyscallResult res = r.call(frame, ARMPageGetAddress, NO_CAPS);
                    emptyReply(res);
                    assertThat(res.mr(0)).isEqualTo(ArmLayout.pptr_to_paddr(((FrameCap) r.cap(frame)).frame().ptr()));
                });
        c.error(ARMPageGetAddress, "IllegalOperation: sent to a page-table cap, which takes only table labels", r ->
                illegal(r.call(ArmSpaces.pageTable(r), ARMPageGetAddress, NO_CAPS)));
    }

    // ---- ASID control and pools ----

    private static void asids(CaseList c) {
        c.success(ARMASIDControlMakePool, "turns a 4 KiB untyped into an ASID pool at the next free table index", r -> {
            long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
            long dest = r.free();
            emptyReply(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), dest, DEPTH));
            ASIDPoolCap pool = (ASIDPoolCap) r.cap(dest);
            assertThat(pool.asidBase()).isEqualTo(1L << AsidPool.asidLowBits);
            assertThat(r.arm().state().armKSASIDTable[1]).isSameAs(pool.pool());
            assertThat(r.root.slot(ut).mdbNext).isSameAs(r.root.slot(dest));
        });
        c.error(ARMASIDControlMakePool, "TruncatedMessage: fewer than two words or two caps", r -> {
            long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
            long dest = r.free();
            truncated(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), dest));
            truncated(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut), dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMASIDControlMakePool, "DeleteFirst: every ASID table entry has a pool", r -> {
            // The root task's pool is entry 0; fill the other 127 from 127 4 KiB untypeds.
            int n = AsidPool.nASIDPools - 1;
            long big = r.untyped(19);
            long first = r.root.allocSlots(n);
            r.setUp(big, UntypedRetype, caps(CNODE), ObjectTypes.seL4_UntypedObject, ArmObjectTypes.seL4_ASIDPoolBits,
                    0, 0, first, n);
            long pools = r.root.allocSlots(n);
            r.setUpAll("127 ASID pools", b -> {
                for (int i = 0; i < n; i++) {
                    b.invoke(ASID_CONTROL, ARMASIDControlMakePool, sel4.user.Expect.EMPTY_REPLY,
                            caps(first + i, CNODE), pools + i, DEPTH);
                }
            });
            assertThat(r.cap(pools + n - 1)).isInstanceOf(ASIDPoolCap.class);
            long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
            long dest = r.free();
            deleteFirst(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMASIDControlMakePool, "InvalidCapability 1: not a 4 KiB RAM untyped", r -> {
            long dest = r.free();
            invalidCapability(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(r.untyped(13), CNODE), dest, DEPTH), 1);
            long device = r.root.retype(ObjectTypes.seL4_UntypedObject, ArmObjectTypes.seL4_ASIDPoolBits, true);
            invalidCapability(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(device, CNODE), dest, DEPTH), 1);
            invalidCapability(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(r.endpoint(), CNODE), dest, DEPTH), 1);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMASIDControlMakePool, "RevokeFirst: the untyped has children", r -> {
            long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
            r.setUp(ut, UntypedRetype, caps(CNODE), ObjectTypes.seL4_EndpointObject, 0, 0, 0, r.free(), 1);
            long dest = r.free();
            revokeFirst(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMASIDControlMakePool, "RangeError [1, 64] / FailedLookup [0, ...]: destination not found", r -> {
            long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
            long dest = r.free();
            range(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), dest, 0), 1, 64);
            failedLookup(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, r.endpoint()), dest, DEPTH), false,
                    new LookupFault.InvalidRoot());
            assertThat(r.arm().state().armKSASIDTable[1]).isNull();
        });
        c.error(ARMASIDControlMakePool, "DeleteFirst: the destination slot is occupied", r -> {
            long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
            deleteFirst(r.call(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), r.endpoint(), DEPTH));
            assertThat(r.arm().state().armKSASIDTable[1]).isNull();
        });

        c.success(ARMASIDPoolAssign, "gives the VSpace the pool's first free ASID", r -> {
            long vs = ArmSpaces.unassignedVSpace(r);
            emptyReply(r.call(INIT_POOL, ARMASIDPoolAssign, caps(vs)));
            PageTableCap cap = (PageTableCap) r.cap(vs);
            assertThat(cap.isMapped()).isTrue();
            assertThat(cap.mappedASID()).as("0 is never used, 1 is the root task's").isEqualTo(2);
            assertThat(VSpace.isValidNativeRoot(cap)).isTrue();
        });
        c.error(ARMASIDPoolAssign, "TruncatedMessage: no VSpace cap", r -> truncated(r.call(INIT_POOL, ARMASIDPoolAssign,
                NO_CAPS)));
        c.error(ARMASIDPoolAssign, "InvalidCapability 1: not a VSpace root, or one that has an ASID", r -> {
            invalidCapability(r.call(INIT_POOL, ARMASIDPoolAssign, caps(ArmSpaces.pageTable(r))), 1);
            invalidCapability(r.call(INIT_POOL, ARMASIDPoolAssign, caps(ArmSpaces.vspace(r))), 1);
        });
        c.error(ARMASIDPoolAssign, "DeleteFirst: every ASID of the pool is in use", r -> {
            ArmSpaces.Pool p = ArmSpaces.pool(r);
            int n = 1 << AsidPool.asidLowBits;
            long big = r.untyped(ArmObjectTypes.seL4_VSpaceBits + AsidPool.asidLowBits);
            long first = r.root.allocSlots(n);
            for (int half = 0; half < 2; half++) {
                r.setUp(big, UntypedRetype, caps(CNODE), ArmObjectTypes.seL4_ARM_VSpaceObject, 0, 0, 0,
                        first + half * (n / 2), n / 2);
            }
            r.setUpAll("512 ASIDs", b -> {
                for (int i = 0; i < n; i++) {
                    b.invoke(p.cap(), ARMASIDPoolAssign, sel4.user.Expect.EMPTY_REPLY, caps(first + i));
                }
            });
            assertThat(((PageTableCap) r.cap(first + n - 1)).isMapped()).isTrue();
            long vs = ArmSpaces.unassignedVSpace(r);
            deleteFirst(r.call(p.cap(), ARMASIDPoolAssign, caps(vs)));
            assertThat(((PageTableCap) r.cap(vs)).isMapped()).isFalse();
        });
    }
}
