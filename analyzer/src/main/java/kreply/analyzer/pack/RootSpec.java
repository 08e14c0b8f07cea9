package kreply.analyzer.pack;

/**
 * Reply roots: the methods that own a reply and where reply findings are reported. {@code names}
 * selects them; {@code entryState} is the state the current thread is assumed to be in when the
 * root starts ({@code Restart} for perform functions under the C protocol where the decoder sets
 * it, {@code Running} for a decoder that replies inline, or {@code unknown}); {@code perform} marks
 * perform/invoke-stage functions (rules P and S apply to those only).
 */
public record RootSpec(NameSet names, String entryState, boolean perform) {
}
