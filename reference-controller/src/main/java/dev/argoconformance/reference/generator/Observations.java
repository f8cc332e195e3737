package dev.argoconformance.reference.generator;

import dev.argoconformance.reference.client.CallListener;
import dev.argoconformance.reference.client.RecordedCall;
import dev.argoconformance.reference.generator.gotext.Render;
import dev.argoconformance.reference.protocol.CompatibilityNote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one reconciliation saw on the way: exchanges, plugin replies, notes, and the renderer it shares. */
final class Observations implements CallListener {

    final Render render = new Render();
    private final CallListener downstream;
    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<PluginReply> replies = new ArrayList<>();
    private final Map<String, CompatibilityNote> notes = new LinkedHashMap<>();

    Observations(CallListener downstream) {
        this.downstream = downstream;
    }

    @Override
    public synchronized void onCall(RecordedCall call) {
        calls.add(call);
        downstream.onCall(call);
    }

    synchronized void reply(PluginReply reply) {
        replies.add(reply);
    }

    /** Keeps the first note of each id and summary. */
    synchronized void note(CompatibilityNote note) {
        notes.putIfAbsent(note.id() + "\n" + note.summary(), note);
    }

    synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    synchronized List<PluginReply> replies() {
        return List.copyOf(replies);
    }

    synchronized List<CompatibilityNote> notes() {
        if (render.quirks().sawOpaqueInputParameter()) {
            note(Notes.opaqueInputParameter());
        }
        render.quirks().verbatimTags().forEach(tag -> note(Notes.fastTemplateVerbatim(tag)));
        return List.copyOf(notes.values());
    }
}
