package io.somnus.experiment.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A sweep listener that keeps what a test asks of it: the sweep's messages, and for each run that resumed where it
 * went on from (null: it started afresh after all) and the work then left. Workers call it, so its lists are
 * synchronised.
 */
final class RecordingListener implements SweepListener {
    final List<String> messages = Collections.synchronizedList(new ArrayList<>());
    final List<String> resumedFrom = Collections.synchronizedList(new ArrayList<>());
    final List<RunWork> leftAtResume = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void message(String line) {
        messages.add(line);
    }

    @Override
    public void runResumed(int worker, String runId, String from, RunWork left) {
        resumedFrom.add(from);
        leftAtResume.add(left);
    }
}
