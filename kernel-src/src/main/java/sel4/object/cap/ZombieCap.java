package sel4.object.cap;

import sel4.object.KernelObject;

/**
 * Zombie capability (cap_zombie_cap): a TCB or CNode being finalised in preemptible steps.
 * {@code zombieType} is {@link #ZombieType_ZombieTCB} or the CNode's radix bits; {@code number}
 * is the count of slots still to be cleared.
 */
public record ZombieCap(KernelObject zombiePtr, int zombieType, long number) implements Cap {
    public static final int ZombieType_ZombieTCB = 64;

    @Override
    public CapTag capType() {
        return CapTag.cap_zombie_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }

    public ZombieCap withNumber(long n) {
        return new ZombieCap(zombiePtr, zombieType, n);
    }
}
