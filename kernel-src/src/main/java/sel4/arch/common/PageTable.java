package sel4.arch.common;

import java.util.Arrays;
import sel4.object.KernelObject;

/**
 * A page table object: the AArch64 VSpace root and normal page tables (seL4_ARM_VSpaceObject /
 * seL4_ARM_PageTableObject, Haskell PageTable with VSRootPT_T / NormalPT_T) and the x86_64 PML4,
 * PDPT, page directory and page table (include/arch/x86/arch/64/mode/object/structures.bf).
 *
 * <p>The entries are the table's memory; {@link #clear()} is seL4's clearMemory_PT.
 */
public final class PageTable extends KernelObject {
    /** Which kind of table this is; it fixes the number of entries and the level. */
    public enum PtType {
        /** AArch64 VSpace root: 2^10 entries with a 40-bit IPA (stage 2, 3 levels). */
        VSRootPT_T,
        /** AArch64 normal page table: 2^9 entries. */
        NormalPT_T,
        /** x86_64 level 4 (the VSpace root). */
        X64_PML4,
        /** x86_64 level 3. */
        X64_PDPT,
        /** x86_64 level 2. */
        X86_PageDirectory,
        /** x86_64 level 1. */
        X86_PageTable
    }

    private final PtType ptType;
    private final Pte[] entries;

    public PageTable(long ptr, int sizeBits, PtType ptType, int indexBits) {
        super(ptr, sizeBits);
        this.ptType = ptType;
        this.entries = new Pte[1 << indexBits];
        Arrays.fill(entries, Pte.INVALID);
    }

    public PtType ptType() {
        return ptType;
    }

    public int numEntries() {
        return entries.length;
    }

    public Pte get(int index) {
        return entries[index];
    }

    public void set(int index, Pte pte) {
        entries[index] = pte;
    }

    /** clearMemory_PT: every entry becomes invalid. */
    public void clear() {
        Arrays.fill(entries, Pte.INVALID);
    }

    /** Number of valid entries (diagnostics and tests). */
    public int validEntries() {
        int n = 0;
        for (Pte p : entries) {
            if (p.isValid()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String typeName() {
        return ptType.name();
    }
}
