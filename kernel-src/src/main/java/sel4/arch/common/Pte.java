package sel4.arch.common;

import sel4.object.cap.VMRights;
import sel4.object.frame.Frame;

/**
 * A page-table entry, as the {@code pte_t} tagged unions of seL4's
 * include/arch/arm/arch/64/mode/object/structures.bf and the x86 {@code pml4e_t / pdpte_t / pde_t /
 * pte_t} unions (Haskell PTE in Object/Structures): invalid, a mapped page, or a pointer to the
 * next-level table.
 *
 * <p>Entries are immutable values, like C bitfield words; changing a mapping stores a new entry.
 * A page entry keeps the Java reference of its frame next to the physical address so that a
 * translation can reach the frame's contents without a physical-memory map.
 */
public sealed interface Pte {
    /** The invalid entry (pte_pte_invalid_new). */
    Pte INVALID = new InvalidPte();

    /** True for entries that map a page (pte_is_page_type). */
    default boolean isPage() {
        return this instanceof PagePte;
    }

    /** True for entries that point at a next-level table (pte_pte_table_ptr_get_present). */
    default boolean isTable() {
        return this instanceof TablePte;
    }

    /** True for every entry except the invalid one (pte_ptr_get_valid). */
    default boolean isValid() {
        return !(this instanceof InvalidPte);
    }

    /** The invalid entry. */
    record InvalidPte() implements Pte {
    }

    /**
     * A page mapping of {@code 2^pageBits} bytes: the frame, its physical base address, the access
     * rights user level gets, execute-never and cacheability attributes.
     */
    record PagePte(Frame frame, long paddr, int pageBits, VMRights rights, boolean executeNever,
                   boolean cacheable) implements Pte {
    }

    /** A table entry pointing to the next-level page table. */
    record TablePte(PageTable table) implements Pte {
    }
}
