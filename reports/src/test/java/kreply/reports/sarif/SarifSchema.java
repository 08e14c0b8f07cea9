package kreply.reports.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The official SARIF 2.1.0 schema, unpacked by the build from a Maven Central artifact (see
 * reports/pom.xml) and passed in as {@code kreply.sarifSchema}; a missing schema is a test
 * failure, never a skip.
 */
final class SarifSchema {
    private static JsonSchema schema;

    private SarifSchema() {
    }

    static synchronized JsonSchema get() throws IOException {
        if (schema == null) {
            String location = System.getProperty("kreply.sarifSchema");
            assertThat(location).as("system property kreply.sarifSchema (set by reports/pom.xml)").isNotBlank();
            Path file = Path.of(location);
            assertThat(file).as("SARIF schema unpacked by the build").isRegularFile();
            try (InputStream in = Files.newInputStream(file)) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            }
        }
        return schema;
    }

    static Set<ValidationMessage> validate(JsonNode doc) throws IOException {
        return get().validate(doc);
    }
}
