package io.somnus.sg;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Keeps every epoch's checkpoint in its binary form and the wake steps after every epoch. */
final class CheckpointRecorder implements SgListener {
    final List<byte[]> checkpoints = new ArrayList<>();
    final List<Long> wakeSteps = new ArrayList<>();

    @Override
    public void onEpoch(SgEpoch epoch) {
        wakeSteps.add(epoch.wakeSteps());
    }

    @Override
    public boolean wantsCheckpoints() {
        return true;
    }

    @Override
    public void onCheckpoint(SgCheckpoint c) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            c.write(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        checkpoints.add(bytes.toByteArray());
    }

    /** The checkpoint written after epoch {@code epoch} (from 1), read back. */
    SgCheckpoint at(int epoch) throws IOException {
        return read(checkpoints.get(epoch - 1));
    }

    /** A checkpoint read from its binary form. */
    static SgCheckpoint read(byte[] bytes) throws IOException {
        return SgCheckpoint.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }
}
