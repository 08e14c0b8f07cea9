/**
 * The AArch64 architecture of the model: seL4's src/arch/arm with the aarch64 mode files,
 * hypervisor support (EL2, stage-2 translation with a 40-bit IPA), GICv2, SMC calls and the SMMUv2
 * (KERNEL-REFERENCE §2.5–2.7, §5.4–5.5, §9.4).
 *
 * <p>{@link sel4.arch.aarch64.AArch64} implements {@link sel4.arch.Arch} and delegates to one module
 * per seL4 source file: {@link sel4.arch.aarch64.VSpace} and {@link sel4.arch.aarch64.AsidPools}
 * (arm/64/kernel/vspace.c, address spaces and ASIDs / VMIDs), {@link sel4.arch.aarch64.VSpaceInvocations}
 * (its decoders and performs), {@link sel4.arch.aarch64.Vcpus} and
 * {@link sel4.arch.aarch64.VcpuInvocations} (arm/object/vcpu.c), {@link sel4.arch.aarch64.Smc},
 * {@link sel4.arch.aarch64.SgiSignal} and {@link sel4.arch.aarch64.ArchInterrupts}
 * (arm/object/smc.c, interrupt.c), {@link sel4.arch.aarch64.Smmu} (arm/object/smmu.c),
 * {@link sel4.arch.aarch64.ArchObjects} (arm/64/object/objecttype.c),
 * {@link sel4.arch.aarch64.ArchFaults}, {@link sel4.arch.aarch64.ArchThread} and
 * {@link sel4.arch.aarch64.ArchBoot}.
 *
 * <p>Object types (after seL4_NonArchObjectTypeCount = 7, in seL4's order): 7 HugePage (1 GiB),
 * 8 VSpace (root table, 2^13 bytes, 2^10 entries), 9 SmallPage (4 KiB), 10 LargePage (2 MiB),
 * 11 PageTable (2^12 bytes, 2^9 entries), 12 VCPU (2^12 bytes).
 *
 * <p>Hardware beyond the generic machine is {@link sel4.arch.aarch64.ArmHardware}, reachable as
 * {@code machine.archHardware()}: EL1 system registers, the virtual timer, the GIC virtual CPU
 * interface, VTTBR, SMC firmware, SMMU, SGIs, trigger modes and cache / TLB maintenance. The
 * virtual-timer PPI and the VGIC maintenance PPI are computed levels on the interrupt controller.
 *
 * <p>Modelling choices: the kernel window maps physical memory one to one (GetAddress reports the
 * object address); modelled guests run with their stage-1 MMU off; SGIs are recorded (one core);
 * cache maintenance is recorded, not simulated.
 */
package sel4.arch.aarch64;
