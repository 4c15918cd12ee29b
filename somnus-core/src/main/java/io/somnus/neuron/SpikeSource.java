package io.somnus.neuron;

import io.somnus.encoding.SpikeTrain;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.random.RandomGenerator;

/**
 * Input neurons whose spikes are given (PyNN's SpikeSourceArray): at each step they replay the spikes of
 * the current {@link SpikeTrain}, or nothing when silenced (sleep). During sleep an optional
 * spontaneous rate makes each source spike independently with probability {@code rateHz·dt/1000}.
 */
public final class SpikeSource extends Population {
    private SpikeTrain train;
    /** The network step at which the train's step 0 plays. */
    private int firstStep;
    private double spontaneousRateHz;

    /** A silent source of {@code size} neurons (an input population) until {@link #play} gives it a train. */
    public SpikeSource(String name, int size) {
        super(name, size);
    }

    /** Replays {@code train} from step 0 (null silences the source). */
    public void play(SpikeTrain train) {
        play(train, 0);
    }

    /** Replays {@code train} with its step 0 at network step {@code firstStep} (a continuous stream). */
    public void play(SpikeTrain train, int firstStep) {
        if (train != null) {
            train.checkPlayableBy(name(), size);
        }
        this.train = train;
        this.firstStep = firstStep;
    }

    /** Silences the source, except for an optional spontaneous Poisson rate in Hz. */
    public void silence(double spontaneousRateHz) {
        this.train = null;
        this.spontaneousRateHz = spontaneousRateHz;
    }

    @Override
    public void integrate(int step, double dtMs, double noiseStdMv, RandomGenerator rng) {
        clearSpikes();
        if (train != null) {
            int at = step - firstStep;
            if (at >= 0 && at < train.numSteps()) {
                for (int k = train.start(at), end = train.end(at); k < end; k++) {
                    emit(train.source(k), step);
                }
            }
        } else if (spontaneousRateHz > 0) {
            double p = Math.min(1.0, spontaneousRateHz * dtMs / 1000.0);
            for (int i = 0; i < size; i++) {
                if (rng.nextDouble() < p) {
                    emit(i, step);
                }
            }
        }
    }

    /**
     * Plays the train's row for network step {@code step} without giving its spikes a spike time: they are this
     * population's spikes now (for delivery), but its last and previous spike steps stand.
     */
    public void playUntimed(int step) {
        clearSpikes();
        int count = 0;
        int at = step - firstStep;
        if (train != null && at >= 0 && at < train.numSteps()) {
            int[] spiked = spikes().spiked();
            for (int k = train.start(at), end = train.end(at); k < end; k++) {
                spiked[count++] = train.source(k);
            }
        }
        spikes().recordUntimed(count);
    }

    @Override
    public void resetState() {
        resetSpikeHistory();
    }

    @Override
    public void copyLearnedStateFrom(Population other) {
        // no learned state
    }

    @Override
    public Population copy() {
        return new SpikeSource(name(), size);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        if (train != null) { // snapshots are taken between presentations, when nothing plays
            throw new IllegalStateException("input " + name() + " is playing a train; its state is taken between "
                    + "presentations only");
        }
        super.writeState(out);
        out.writeInt(firstStep);
        out.writeLong(Double.doubleToRawLongBits(spontaneousRateHz));
    }

    @Override
    public void readState(DataInput in) throws IOException {
        super.readState(in);
        train = null;
        firstStep = in.readInt();
        spontaneousRateHz = Double.longBitsToDouble(in.readLong());
    }
}
