package sel4.object.cap;

/** Domain capability (cap_domain_cap). */
public record DomainCap() implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_domain_cap;
    }
}
