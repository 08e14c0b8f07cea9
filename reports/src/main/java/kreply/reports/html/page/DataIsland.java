package kreply.reports.html.page;

import gg.jte.Content;
import gg.jte.TemplateOutput;

/**
 * JSON embedded in {@code <script type="application/json">} for the page's script to read with
 * {@code JSON.parse}. Inside that element the HTML parser looks only for {@code </script}, so the
 * JSON is made inert by escaping {@code <}, {@code >} and {@code &} as {@code \\u003c},
 * {@code \\u003e}, {@code \\u0026}; U+2028 and U+2029 are escaped too, so the text stays valid if
 * anyone ever evaluates it as JavaScript. Those characters can only occur inside JSON strings,
 * where the escapes mean the same characters, so the data itself is unchanged.
 */
public final class DataIsland implements Content {
    private final String escapedJson;

    public DataIsland(String json) {
        this.escapedJson = escape(json);
    }

    public static String escape(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    public String escapedJson() {
        return escapedJson;
    }

    @Override
    public void writeTo(TemplateOutput output) {
        output.writeContent(escapedJson);
    }
}
