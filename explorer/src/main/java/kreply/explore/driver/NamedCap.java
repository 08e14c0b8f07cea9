package kreply.explore.driver;

import sel4.object.KernelObject;

/**
 * A cap a configured thread holds, by the configuration's object name: what kind of object it
 * names, the CPtr (root CNode slot) the thread invokes it with, the object itself (null for IRQ
 * handlers), which the search consults to see, for example, whether a reply is owed, and whether
 * the cap allows sending and receiving (endpoints and notifications; true for other caps).
 */
record NamedCap(String name, Type type, long cptr, KernelObject object, boolean canSend, boolean canReceive) {

    /** The object kinds a configured thread can hold caps to. */
    enum Type { ENDPOINT, NOTIFICATION, REPLY, VCPU, IRQ_HANDLER }
}
