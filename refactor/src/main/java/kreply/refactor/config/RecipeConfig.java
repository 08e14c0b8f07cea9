package kreply.refactor.config;

import java.util.List;
import java.util.Map;

/**
 * The codebase-specific vocabulary the recipes work with, read from a recipe file under
 * {@code rules/recipes/}: reply primitives, register and thread-state names, the call flag, the
 * deferred-reply links, the queue guards. The recipes hold no kernel names of their own, so
 * another kernel in the same style only needs its own file.
 */
public record RecipeConfig(String name, List<String> sourceRoots, List<String> testRoots, Rules rules, Reply reply,
                           DeferredReply deferredReply, QueueGuard queueGuard, SpecReply specReply,
                           List<String> legacyFormTags, String conformanceManifest, QueueAsserts queueAsserts) {

    /** The scheduler-queue checks queue-asserts inserts, and where. */
    public record QueueAsserts(String atEntry, String atExit, String beforeBlocking, List<String> entries,
                               List<String> blockingCalls, String stateSetter, List<String> blockingStates,
                               List<String> enqueue) {
        public static String fill(String template, String thread, String site) {
            return template.replace("{thread}", thread).replace("{site}", site);
        }
    }

    /** The spec protocol's names: who delivers the reply, the word-list type, the carrier record. */
    public record SpecReply(String entry, String dispatcher, String statusType, String success, String wordsType,
                            String emptyWords, String timeWords, String carrier, String emptyReply,
                            String replyFromKernel, String argumentRead, String lengthParam, String wordsCapacity,
                            String wordsPrefix) {
        public String carrierSimple() {
            return carrier.substring(carrier.lastIndexOf('.') + 1);
        }

        public String carrierPackage() {
            return carrier.substring(0, carrier.lastIndexOf('.'));
        }

        public String timeWordsFor(String value) {
            return timeWords.replace("{value}", value);
        }

        /** The first {@code length} words of {@code words} (a new, shorter list). */
        public String wordsPrefixFor(String words, String length) {
            return wordsPrefix.replace("{words}", words).replace("{length}", length);
        }
    }

    /** Which analyzer rule ids feed the reply recipes and the queue recipes. */
    public record Rules(List<String> reply, List<String> queue) {
    }

    /** The reply protocol's names (LEGACY-REPLY-BUGS §A2–A3 in the model's spelling). */
    public record Reply(String currentThread, String threadType, String setRegister, String setMR, String setTimeArg,
                        String messageRegisters, String msgInfoRegister, String badgeRegister, String bufferType,
                        String bufferLookup, String bufferLocal, String messageInfo, String lengthLocal,
                        String wordType, String callFlag, String callFlagType, String setThreadState,
                        String setRunning, String restartState, String runningState, String helperFlag) {

        /** The write-authority buffer lookup for {@code thread}. */
        public String bufferLookupFor(String thread) {
            return bufferLookup.replace("{thread}", thread);
        }

        public String messageInfoFor(String length) {
            return messageInfo.replace("{length}", length);
        }

        public String setRunningFor(String thread) {
            return setRunning.replace("{thread}", thread);
        }
    }

    /** A reply that is answered later: the completion function and the links it follows. */
    public record DeferredReply(String completion, String link, String record, String recordType,
                                String recordOwner) {
    }

    /** The queue-guard options (issue #346 fixes) and the blocking call they protect. */
    public record QueueGuard(String blockingCall, String defaultOption, Map<String, GuardOption> options) {
    }

    /** One queue-guard variant: an early-return condition, or statements inserted before the blocking call. */
    public record GuardOption(String description, String guard, List<String> before) {
    }
}
