/**
 * Structures both modelled architectures share: page tables and their entries, ASID pools with
 * their entries, and the ASID control / pool capabilities (the asid_pool_t, asid_map_t and pte_t
 * of seL4's arm and x86 structures).
 */
package sel4.arch.common;
