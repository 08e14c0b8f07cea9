package kreply.reports.html.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * A stylesheet or script shipped with kreply and inlined into the report, so the page needs no
 * network and opens from the file system. It is written verbatim (it is our code, not data), which
 * is only safe because loading refuses any asset containing {@code </}: such a sequence could close
 * the enclosing {@code <script>} or {@code <style>} element. The SHA-256 digest goes into the
 * page's Content-Security-Policy, which then allows exactly this text and nothing injected.
 */
public final class Asset implements Content {
    private final String name;
    private final String text;
    private final String sha256;

    Asset(String name, String text) {
        if (text.toLowerCase(Locale.ROOT).contains("</")) {
            throw new IllegalStateException("asset " + name + " contains '</', which would end its element early");
        }
        this.name = name;
        this.text = text;
        this.sha256 = digest(text);
    }

    /** Loads {@code /kreply/reports/html/<name>} from the class path. */
    public static Asset load(String name) {
        String path = "/kreply/reports/html/" + name;
        try (InputStream in = Asset.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing report asset " + path);
            }
            return new Asset(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report asset " + path, e);
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The CSP source expression allowing this asset, e.g. {@code 'sha256-...'}. */
    public String cspSource() {
        return "'sha256-" + sha256 + "'";
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(text);
    }

    private static String digest(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder().encodeToString(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
