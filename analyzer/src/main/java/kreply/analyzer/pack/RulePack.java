package kreply.analyzer.pack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A validated rule pack: every kernel-specific name the analysis and the rules use. Rule classes
 * read names only from here, so the same rules run on any codebase that ships its own pack.
 * Several packs are merged into one with {@link #merge}.
 */
public record RulePack(String name, List<String> files, int nMsgRegisters, List<List<String>> currentThread,
                       NameSet entryPoints, List<RootSpec> roots, NameSet msgInfoRegister, NameSet badgeRegister,
                       NameSet msgRegisters, List<Primitive> writes, List<Primitive> reads,
                       List<Primitive> bufferSources, NameSet decodeTimeEntry, String messageInfoConstructor,
                       int messageInfoLengthArg, int bufferWordOffset, List<Primitive> stateSetters,
                       NameSet restartStates, NameSet runningStates, NameSet blockedStates, NameSet callFlags,
                       NameSet failureReturns, NameSet halts, NameSet allowlist, QueueSpec queue,
                       List<String> wordListTypes, List<FixRecipe> fixes) {
    public RulePack {
        files = List.copyOf(files);
        currentThread = currentThread.stream().map(List::copyOf).toList();
        roots = List.copyOf(roots);
        writes = List.copyOf(writes);
        reads = List.copyOf(reads);
        bufferSources = List.copyOf(bufferSources);
        stateSetters = List.copyOf(stateSetters);
        wordListTypes = List.copyOf(wordListTypes);
        fixes = List.copyOf(fixes);
    }

    /** The root specification that selects {@code simpleName}, if any (first match wins). */
    public Optional<RootSpec> rootSpec(String simpleName) {
        for (RootSpec r : roots) {
            if (r.names().matches(simpleName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * Allowlisted IPC-proper functions. An explicitly named root (not a pattern match) is never
     * allowlisted by a pattern, so a decoder that replies inline can be a root while the other
     * decoders stay allowlisted.
     */
    public boolean isAllowlisted(String simpleName) {
        if (allowlist.names().contains(simpleName)) {
            return true;
        }
        for (RootSpec r : roots) {
            if (r.names().names().contains(simpleName)) {
                return false;
            }
        }
        return allowlist.matches(simpleName);
    }

    public Optional<FixRecipe> fixFor(String ruleId) {
        return fixes.stream().filter(f -> f.rules().contains(ruleId)).findFirst();
    }

    /** Merges packs: lists are joined, scalar settings must agree. */
    public static RulePack merge(List<RulePack> packs) throws PackException {
        RulePack m = packs.get(0);
        for (int i = 1; i < packs.size(); i++) {
            RulePack o = packs.get(i);
            if (m.nMsgRegisters != o.nMsgRegisters) {
                throw new PackException(o.files.get(0), "nMsgRegisters",
                        "disagrees with " + m.files.get(0) + " (" + o.nMsgRegisters + " vs " + m.nMsgRegisters + ")");
            }
            if (!m.messageInfoConstructor.equals(o.messageInfoConstructor)
                    || m.messageInfoLengthArg != o.messageInfoLengthArg) {
                throw new PackException(o.files.get(0), "messageInfo", "disagrees with " + m.files.get(0));
            }
            if (m.bufferWordOffset != o.bufferWordOffset) {
                throw new PackException(o.files.get(0), "bufferWordOffset", "disagrees with " + m.files.get(0));
            }
            QueueSpec q = new QueueSpec(join(m.queue.entries(), o.queue.entries()),
                    join(m.queue.enqueue(), o.queue.enqueue()), join(m.queue.dequeue(), o.queue.dequeue()),
                    join(m.queue.block(), o.queue.block()), m.queue.queuedGuards().merge(o.queue.queuedGuards()),
                    m.queue.schedulableGuards().merge(o.queue.schedulableGuards()));
            m = new RulePack(m.name + "+" + o.name, join(m.files, o.files), m.nMsgRegisters,
                    join(m.currentThread, o.currentThread), m.entryPoints.merge(o.entryPoints), join(m.roots, o.roots),
                    m.msgInfoRegister.merge(o.msgInfoRegister), m.badgeRegister.merge(o.badgeRegister),
                    m.msgRegisters.merge(o.msgRegisters), join(m.writes, o.writes), join(m.reads, o.reads),
                    join(m.bufferSources, o.bufferSources), m.decodeTimeEntry.merge(o.decodeTimeEntry),
                    m.messageInfoConstructor, m.messageInfoLengthArg, m.bufferWordOffset,
                    join(m.stateSetters, o.stateSetters), m.restartStates.merge(o.restartStates),
                    m.runningStates.merge(o.runningStates), m.blockedStates.merge(o.blockedStates),
                    m.callFlags.merge(o.callFlags), m.failureReturns.merge(o.failureReturns), m.halts.merge(o.halts),
                    m.allowlist.merge(o.allowlist), q, join(m.wordListTypes, o.wordListTypes), join(m.fixes, o.fixes));
        }
        return m;
    }

    private static <T> List<T> join(List<T> a, List<T> b) {
        List<T> r = new ArrayList<>(a);
        for (T x : b) {
            if (!r.contains(x)) {
                r.add(x);
            }
        }
        return r;
    }
}
