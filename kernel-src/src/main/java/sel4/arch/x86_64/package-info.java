/**
 * The x86_64 subset of the model (KERNEL-REFERENCE §2.9, §5.6): seL4's src/arch/x86 with the
 * x86_64 mode files and VT-x, limited to I/O ports, VT-x VCPUs and frame GetAddress, plus the
 * address-space and object hooks the generic kernel needs.
 *
 * <p>{@link sel4.arch.x86_64.X86_64} implements {@link sel4.arch.Arch} and delegates to
 * {@link sel4.arch.x86_64.X86VSpace} (x86/kernel/vspace.c and x86/64/kernel/vspace.c),
 * {@link sel4.arch.x86_64.X86MMUInvocations} (its decoders), {@link sel4.arch.x86_64.IoPorts}
 * (x86/object/ioport.c), {@link sel4.arch.x86_64.X86Vcpus} and
 * {@link sel4.arch.x86_64.X86VcpuInvocations} (x86/object/vcpu.c),
 * {@link sel4.arch.x86_64.X86ArchObjects} (x86/object/objecttype.c and x86/64/object/objecttype.c),
 * {@link sel4.arch.x86_64.X86ArchFaults}, {@link sel4.arch.x86_64.X86ArchThread} and
 * {@link sel4.arch.x86_64.X86ArchBoot}.
 *
 * <p>Object types (after seL4_NonArchObjectTypeCount = 7, in seL4's order with huge pages and
 * VT-x, without IOMMU and EPT objects): 7 PDPT, 8 PML4, 9 HugePage (1 GiB), 10 4K, 11 LargePage
 * (2 MiB), 12 PageTable, 13 PageDirectory, 14 VCPU (2^14 bytes). Paging structures are 4 KiB
 * tables of 512 entries.
 *
 * <p>The subset has no page-table, ASID-pool, IOAPIC / MSI or EPT labels: those caps answer
 * IllegalOperation. VM entry (seL4_VMEnter) is not modelled, so VCPUs never receive a VPID and a
 * hypervisor trap is reported as a user exception. Hardware: {@link sel4.arch.x86_64.X86Hardware}
 * (I/O port devices, VT-x unit with VMCS storage and CR3).
 */
package sel4.arch.x86_64;
