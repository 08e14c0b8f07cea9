package kreply.refactor.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kreply.refactor.RefactorException;

/**
 * The fixes a reviewer chose, saved with {@code --plan-out} and replayed with {@code --plan}:
 * the recipes, the option, and the fix ids in order. Ids name recipe, method and option, so a
 * plan replays the same choices on the same findings in a later, non-interactive run.
 */
public record Plan(List<String> recipes, String option, List<Entry> fixes) {
    public static final int FORMAT = 1;

    public record Entry(String id, String summary) {
    }

    public Plan {
        recipes = List.copyOf(recipes);
        fixes = List.copyOf(fixes);
    }

    public List<String> ids() {
        return fixes.stream().map(Entry::id).toList();
    }

    public void write(Path file) {
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = om.createObjectNode();
        root.put("tool", "kreply");
        root.put("plan", FORMAT);
        ArrayNode rs = root.putArray("recipes");
        recipes.forEach(rs::add);
        if (option != null) {
            root.put("option", option);
        }
        ArrayNode fs = root.putArray("fixes");
        for (Entry e : fixes) {
            fs.addObject().put("id", e.id()).put("summary", e.summary());
        }
        try {
            Path tmp = file.resolveSibling("." + file.getFileName() + ".kreply-tmp");
            Files.writeString(tmp, om.writeValueAsString(root) + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RefactorException("cannot write plan " + file + ": " + e.getMessage());
        }
    }

    public static Plan read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new RefactorException("cannot read plan " + file + ": " + e.getMessage());
        }
        if (root == null || !root.path("tool").asText().equals("kreply") || root.path("plan").asInt() != FORMAT
                || !root.path("fixes").isArray()) {
            throw new RefactorException(file + " is not a kreply refactoring plan (format " + FORMAT + ")");
        }
        List<String> recipes = new ArrayList<>();
        root.path("recipes").forEach(r -> recipes.add(r.asText()));
        List<Entry> fixes = new ArrayList<>();
        for (JsonNode f : root.get("fixes")) {
            if (!f.hasNonNull("id")) {
                throw new RefactorException("plan " + file + ": every fix needs an 'id'");
            }
            fixes.add(new Entry(f.get("id").asText(), f.path("summary").asText("")));
        }
        String option = root.hasNonNull("option") ? root.get("option").asText() : null;
        return new Plan(recipes, option, fixes);
    }
}
