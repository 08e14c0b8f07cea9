package sel4.object.cap;

/** The empty capability (cap_null_cap). */
public record NullCap() implements Cap {
    public static final NullCap INSTANCE = new NullCap();

    @Override
    public CapTag capType() {
        return CapTag.cap_null_cap;
    }
}
