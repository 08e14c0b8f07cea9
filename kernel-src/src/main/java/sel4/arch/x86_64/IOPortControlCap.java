package sel4.arch.x86_64;

import sel4.object.cap.ArchCap;

/** The unique I/O port control capability (cap_io_port_control_cap, src/arch/x86/object/ioport.c). */
public record IOPortControlCap() implements ArchCap {
}
