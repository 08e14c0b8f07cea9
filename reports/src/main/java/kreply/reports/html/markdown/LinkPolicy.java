package kreply.reports.html.markdown;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides where a markdown link may point. Only two kinds of target survive: absolute {@code http}
 * and {@code https} URLs, and in-page fragments that the caller maps relative links to (a link to
 * another rule's page becomes a jump to that rule's section of the report). Everything else —
 * {@code javascript:}, {@code data:}, {@code file:}, relative paths the report cannot follow — is
 * refused, and the parser shows the link as text.
 */
public final class LinkPolicy {
    private final Function<String, Optional<String>> relative;

    /**
     * @param relative maps a relative link target (for example {@code reply-clobbered.md}) to an
     *                 in-page fragment starting with {@code #}, or empty when there is none
     */
    public LinkPolicy(Function<String, Optional<String>> relative) {
        this.relative = relative;
    }

    /** A policy that accepts only absolute http(s) URLs. */
    public static LinkPolicy externalOnly() {
        return new LinkPolicy(s -> Optional.empty());
    }

    /** The safe target for {@code url}, or empty when the link must be shown as text. */
    public Optional<Target> resolve(String url) {
        String u = url.strip();
        if (u.isEmpty() || hasControlOrSpace(u)) {
            return Optional.empty();
        }
        int colon = u.indexOf(':');
        int slash = u.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash);
        if (hasScheme) {
            String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(u);
                if (uri.getHost() == null) {
                    return Optional.empty();
                }
                return Optional.of(new Target(uri.toASCIIString(), true));
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
        }
        if (u.startsWith("//")) {
            return Optional.empty(); // scheme-relative: would become file:// when the report is opened from disk
        }
        return relative.apply(u).filter(f -> f.startsWith("#") && !hasControlOrSpace(f)).map(f -> new Target(f, false));
    }

    private static boolean hasControlOrSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT) {
                return true;
            }
        }
        return false;
    }

    /** An accepted link target. */
    public record Target(String href, boolean external) {
    }
}
