package io.somnus.experiment.sweep;

import java.util.PriorityQueue;

/** Runs in a queue on a few workers, each worker taking the next run as soon as it is free (list scheduling). */
final class ListSchedule {
    private ListSchedule() {
    }

    /**
     * When the last worker is done: worker w free from {@code freeAt[w]} (seconds), the runs of {@code runSeconds}
     * taken in their order, each by the worker free first.
     */
    static double makespan(double[] freeAt, double[] runSeconds) {
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (double f : freeAt) {
            free.add(f);
        }
        for (double r : runSeconds) {
            free.add(free.poll() + r);
        }
        double last = 0;
        for (double w : free) {
            last = Math.max(last, w);
        }
        return last;
    }
}
