package sel4.arch;

import sel4.object.frame.Frame;

/** Result of translating a user virtual address: the frame and the word index inside it. */
public record UserMapping(Frame frame, long wordIndex) {
}
