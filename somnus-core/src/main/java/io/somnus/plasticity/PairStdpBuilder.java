package io.somnus.plasticity;

/**
 * What the builders of the pair-based rules share ({@link NearestPairStdp#builder}, {@link AllToAllStdp#builder}):
 * their six values by name, the paper's unless set (η = 5·10⁻⁴, A± = 1, τ± = 7.5 ms, sign +1).
 *
 * @param <B> the rule's own builder, which each setter returns
 */
public abstract class PairStdpBuilder<B extends PairStdpBuilder<B>> {
    final double dtMs;
    double eta = 5e-4;
    double aPlus = 1;
    double aMinus = 1;
    double tauPlusMs = 7.5;
    double tauMinusMs = 7.5;
    int sign = 1;

    PairStdpBuilder(double dtMs) {
        this.dtMs = dtMs;
    }

    /** This builder as the rule's own, for the setters to return. */
    abstract B self();

    /** Learning rate η (default 5·10⁻⁴). */
    public B eta(double v) {
        eta = v;
        return self();
    }

    /** A₊, the potentiation amplitude (default 1). */
    public B aPlus(double v) {
        aPlus = v;
        return self();
    }

    /** A₋, the depression amplitude (default 1). */
    public B aMinus(double v) {
        aMinus = v;
        return self();
    }

    /** τ₊ in ms, of the potentiation's exponential (default 7.5). */
    public B tauPlusMs(double v) {
        tauPlusMs = v;
        return self();
    }

    /** τ₋ in ms, of the depression's exponential (default 7.5). */
    public B tauMinusMs(double v) {
        tauMinusMs = v;
        return self();
    }

    /** +1 (default) or −1: see the rule's constructor's {@code sign}. */
    public B sign(int v) {
        sign = v;
        return self();
    }
}
