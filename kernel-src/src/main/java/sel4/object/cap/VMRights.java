package sel4.object.cap;

/** Models seL4's {@code vm_rights_t}: the access rights of a frame mapping. */
public enum VMRights {
    VMKernelOnly,
    VMReadOnly,
    VMReadWrite
}
