package kreply.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import kreply.reports.html.HtmlRenderer;
import kreply.reports.json.JsonRenderer;
import kreply.reports.render.Renderer;
import kreply.reports.sarif.SarifRenderer;
import kreply.reports.text.TextRenderer;

/**
 * The report formats kreply knows. A format can be known but not yet available in a build (listed
 * in {@code PLANNED} with the reason): asking for it then gets a clear refusal instead of an
 * "unknown format" error, and adding the renderer is one line here.
 */
public final class Renderers {
    /** Formats that exist in the product but have no renderer in this build, with the reason shown to users. */
    private static final Map<String, String> PLANNED = Map.of();

    private final Map<String, Renderer> available = new LinkedHashMap<>();

    public Renderers() {
        for (Renderer r : List.of(new JsonRenderer(), new SarifRenderer(), new HtmlRenderer(), new TextRenderer())) {
            available.put(r.format(), r);
        }
    }

    /** Available formats in their default order. */
    public List<String> availableFormats() {
        return List.copyOf(available.keySet());
    }

    public Optional<Renderer> find(String format) {
        return Optional.ofNullable(available.get(normalise(format)));
    }

    /** Why a known format cannot be produced, if it is one of the planned ones. */
    public Optional<String> unavailableReason(String format) {
        return Optional.ofNullable(PLANNED.get(normalise(format)));
    }

    private static String normalise(String format) {
        return format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    }
}
