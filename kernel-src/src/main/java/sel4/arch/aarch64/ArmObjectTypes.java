package sel4.arch.aarch64;

import sel4.api.ObjectTypes;
import sel4.model.Config;

/**
 * The AArch64 object types of the model (libsel4 sel4_arch/objecttype.h and arch/objecttype.h for
 * aarch64 with hypervisor support, no TK1 SMMU). The numbers follow seL4's enumeration order
 * after {@link ObjectTypes#seL4_NonArchObjectTypeCount}: first the mode types (huge page, VSpace),
 * then the arch types (small page, large page, page table, VCPU).
 */
public final class ArmObjectTypes {
    private ArmObjectTypes() {
    }

    public static final int seL4_ARM_HugePageObject = ObjectTypes.seL4_NonArchObjectTypeCount;
    public static final int seL4_ARM_VSpaceObject = seL4_ARM_HugePageObject + 1;
    public static final int seL4_ModeObjectTypeCount = seL4_ARM_VSpaceObject + 1;
    public static final int seL4_ARM_SmallPageObject = seL4_ModeObjectTypeCount;
    public static final int seL4_ARM_LargePageObject = seL4_ARM_SmallPageObject + 1;
    public static final int seL4_ARM_PageTableObject = seL4_ARM_LargePageObject + 1;
    public static final int seL4_ARM_VCPUObject = seL4_ARM_PageTableObject + 1;
    public static final int seL4_ObjectTypeCount = seL4_ARM_VCPUObject + 1;

    public static final int seL4_PageTableBits = Config.seL4_PageTableBits;
    public static final int seL4_VSpaceBits = Config.seL4_VSpaceBits;
    public static final int seL4_ASIDPoolBits = Config.seL4_ASIDPoolBits;
    public static final int VCPU_SIZE_BITS = Config.seL4_ARM_VCPUBits;
}
