package io.somnus.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;

/**
 * {@link SplittableRandom}'s private state ({@code seed}, {@code gamma}) and output function, so that a loop that
 * takes many draws can keep the state in a local variable and run the generator's {@code nextLong()}
 * ({@link #mix64} of {@code seed += gamma}) inline: the same numbers, without each draw waiting on the field's store
 * and reload ({@link GaussianDraws}' bulk draws). The loop writes the state back ({@link #setSeed}) before anything
 * else draws on the generator and at its end.
 * <p>
 * Needs {@code --add-opens} {@link #OPENS} (the launcher and the builds pass it) and a JDK whose
 * {@code SplittableRandom} is SplitMix64 on those two fields (JDK 17 to 25; checked once: two {@code nextLong()}s
 * computed from the state must be the generator's own). Otherwise {@link #available()} is false
 * and callers draw on the generator.
 */
public final class SplittableState {
    /** What {@code --add-opens} must grant (the launcher and the builds pass it); the same numbers without, slower. */
    public static final String OPENS = "java.base/java.util=ALL-UNNAMED";
    private static final VarHandle SEED;
    private static final VarHandle GAMMA;

    static {
        VarHandle seed = null;
        VarHandle gamma = null;
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(SplittableRandom.class, MethodHandles.lookup());
            seed = l.findVarHandle(SplittableRandom.class, "seed", long.class);
            gamma = l.findVarHandle(SplittableRandom.class, "gamma", long.class);
            SplittableRandom probe = new SplittableRandom(20_261_130);
            long g = (long) gamma.get(probe);
            long s = (long) seed.get(probe);
            if (probe.nextLong() != mix64(s + g) || probe.nextLong() != mix64(s + 2 * g)) {
                seed = gamma = null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            seed = gamma = null; // not opened (IllegalAccessException) or other fields: the generator's own calls
        }
        SEED = seed;
        GAMMA = gamma;
    }

    private SplittableState() {
    }

    /**
     * Whether the state can be read and written here (see the class comment); an SG-SNN run's resume snapshot needs it
     * (its generators' states).
     */
    public static boolean available() {
        return SEED != null;
    }

    /** The generator's current seed; only when {@link #available()}. */
    public static long seed(SplittableRandom s) {
        return (long) SEED.get(s);
    }

    /** The generator's increment γ (odd, fixed for its life); only when {@link #available()}. */
    public static long gamma(SplittableRandom s) {
        return (long) GAMMA.get(s);
    }

    /** Puts {@code seed} back into the generator; only when {@link #available()}. */
    public static void setSeed(SplittableRandom s, long seed) {
        SEED.set(s, seed);
    }

    /** {@code nextLong()}'s output for the advanced seed (Stafford's variant 13 of MurmurHash3's finaliser). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
