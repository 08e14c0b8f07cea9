// contract: every reply fix, applied alone to the legacy kernel (as a reviewer may pick just one), changes the code and leaves main sources that compile.
package kreply.refactor.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import kreply.refactor.Kernel;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.Refactorer;
import kreply.refactor.verify.Verifier;

class FixIsolationTest {
    @ParameterizedTest
    @ValueSource(strings = {"c-reply", "spec-reply", "deferred-reply"})
    void eachFixAloneCompiles(String recipe, @TempDir Path tmp) throws IOException {
        RecipeContext ctx = new RecipeContext(Kernel.config(), Kernel.findings(), null, List.of(recipe),
                Kernel.workspace());
        List<Fix> fixes = Recipes.select(List.of(recipe)).get(0).fixes(ctx);
        assertThat(fixes).isNotEmpty();
        int n = 0;
        for (Fix f : fixes) {
            Refactorer rf = new Refactorer(Kernel.workspace());
            AppliedFix a = rf.apply(f);
            assertThat(a.changed()).as(f.id() + ": " + a.skipped()).isTrue();
            List<String> errors = new Verifier().compileErrors(Kernel.writeMain(rf.workspace(), tmp.resolve("f" + n++)));
            assertThat(errors).as(f.id()).isEmpty();
        }
    }
}
