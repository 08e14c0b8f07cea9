package kreply.explore.engine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import kreply.explore.config.ConfigException;
import kreply.explore.driver.SetupException;
import kreply.explore.protocol.EngineRequest;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.ProtocolJson;
import kreply.explore.trace.TraceException;

/**
 * The engine's entry point, the only thing the host calls. It takes and returns JSON text (and a
 * sink for progress lines), so a kernel compiled from another source folder can be loaded
 * with its own copy of the engine in a separate class loader and driven through
 * {@code java.*} types only. Input problems come back as status {@code error} with a one-line
 * message; anything else is a bug and comes back as {@code internal} with its stack trace.
 */
public final class EngineEntry implements BiFunction<String, Consumer<String>, String> {
    @Override
    public String apply(String requestJson, Consumer<String> progress) {
        EngineResponse response;
        try {
            EngineRequest req = ProtocolJson.read(requestJson, EngineRequest.class);
            response = new Engine(progress).handle(req);
        } catch (ConfigException | TraceException | SetupException e) {
            response = EngineResponse.error(e.getMessage());
        } catch (LinkageError e) {
            // A kernel copy without a class or method the driver uses (e.g. a broken refactoring).
            response = EngineResponse.error("the kernel does not provide what the explorer drives: " + e);
        } catch (RuntimeException e) {
            StringWriter w = new StringWriter();
            e.printStackTrace(new PrintWriter(w));
            response = EngineResponse.internal(w.toString());
        }
        return ProtocolJson.write(response);
    }
}
