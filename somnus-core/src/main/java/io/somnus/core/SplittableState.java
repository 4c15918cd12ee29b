package io.somnus.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

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
 * <p>
 * A generator's state can also be taken and put back without reflection, by replacing the generator
 * ({@link #drain}, {@link #rebuild}): what the resume snapshots of both models do, so that they need no
 * {@code --add-opens}.
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

    /** Whether {@link #drain} and {@link #rebuild} work on this JDK (checked once, see {@link #rebuildable()}). */
    private static final boolean REBUILDABLE = probeRebuild();

    private SplittableState() {
    }

    /**
     * Whether a generator's state can be taken and put back without reflection ({@link #drain}, {@link #rebuild}),
     * so without {@code --add-opens}: the JDK's {@code SplittableRandom.split(source)} makes the new generator's seed
     * the source's next long and its γ the next one mixed by {@code mixGamma} (JDK 17 to 25; checked once, on draws
     * computed here). A resume snapshot (either model's) needs it.
     */
    public static boolean rebuildable() {
        return REBUILDABLE;
    }

    /**
     * The state {seed, γ} that {@code s} has now, read from two draws ({@code nextLong()} is {@link #mix64} of
     * {@code seed += γ}, and mix64 is a bijection): {@code s} is spent by it, and {@link #rebuild} of the returned state
     * draws on in its place what {@code s} would have drawn. Needs no {@code --add-opens}; only when
     * {@link #rebuildable()}.
     */
    public static long[] drain(SplittableRandom s) {
        long first = unmix64(s.nextLong());  // seed + γ
        long second = unmix64(s.nextLong()); // seed + 2γ
        long gamma = second - first;
        return new long[] {first - gamma, gamma};
    }

    /**
     * A generator in state {seed, γ} (as {@link #drain} gave it): built by {@code split(source)} from a source that
     * gives {@code seed}, then the preimage of γ under mixGamma. Only when {@link #rebuildable()}.
     *
     * @throws IllegalArgumentException when {@code gamma} is no γ a SplittableRandom has (mixGamma gives none such)
     */
    public static SplittableRandom rebuild(long seed, long gamma) {
        long mixed = unmixGamma(gamma);
        return new SplittableRandom(0).split(new Feed(seed, mixed));
    }

    /** A source that gives two set numbers, all {@code split(source)} asks of it; nothing else. */
    private static final class Feed implements RandomGenerator.SplittableGenerator {
        private final long[] values;
        private int next;

        Feed(long... values) {
            this.values = values;
        }

        @Override
        public long nextLong() {
            return values[next++];
        }

        @Override
        public SplittableGenerator split() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SplittableGenerator split(SplittableGenerator source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<SplittableGenerator> splits() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<SplittableGenerator> splits(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<SplittableGenerator> splits(SplittableGenerator source) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Stream<SplittableGenerator> splits(long size, SplittableGenerator source) {
            throw new UnsupportedOperationException();
        }
    }

    /** The inverse of {@link #mix64}: undoes its three xor-shifts and two multiplications. */
    static long unmix64(long z) {
        z = unshift(z, 31);
        z *= inverse(0x94d049bb133111ebL);
        z = unshift(z, 27);
        z *= inverse(0xbf58476d1ce4e5b9L);
        return unshift(z, 30);
    }

    /** SplittableRandom's {@code mixGamma} (private there): an odd γ with at least 24 bit transitions. */
    static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }

    /** A z with {@code mixGamma(z) == gamma}: mixGamma's last steps (the odd bit, the transitions fix) tried both ways. */
    static long unmixGamma(long gamma) {
        for (long fixed : new long[] {gamma, gamma ^ 0xaaaaaaaaaaaaaaaaL}) {
            for (long beforeOdd : new long[] {fixed, fixed ^ 1L}) {
                long z = unshift(beforeOdd, 33) * inverse(0xc4ceb9fe1a85ec53L);
                z = unshift(z, 33) * inverse(0xff51afd7ed558ccdL);
                z = unshift(z, 33);
                if (mixGamma(z) == gamma) {
                    return z;
                }
            }
        }
        throw new IllegalArgumentException("0x" + Long.toHexString(gamma) + " is no SplittableRandom's γ");
    }

    /** The x with {@code x ^ (x >>> shift) == y}. */
    private static long unshift(long y, int shift) {
        long x = y;
        for (int k = shift; k < 64; k += shift) {
            x ^= y >>> k;
        }
        return x;
    }

    /** The inverse of an odd number modulo 2^64 (Newton's iteration: each doubles the correct low bits, from 3). */
    private static long inverse(long a) {
        long x = a;
        for (int i = 0; i < 5; i++) {
            x *= 2 - a * x;
        }
        return x;
    }

    /** Whether {@link #rebuild} of a {@link #drain}ed generator draws on as the generator would have (see above). */
    private static boolean probeRebuild() {
        try {
            SplittableRandom a = new SplittableRandom(20_261_206).split();
            SplittableRandom twin = new SplittableRandom(20_261_206).split();
            a.nextInt(1000);
            twin.nextInt(1000);
            long[] state = drain(a);
            SplittableRandom b = rebuild(state[0], state[1]);
            for (int i = 0; i < 4; i++) {
                if (b.nextLong() != twin.nextLong()) {
                    return false;
                }
            }
            return b.nextDouble() == twin.nextDouble() && b.nextInt(77) == twin.nextInt(77);
        } catch (RuntimeException e) {
            return false; // another split(source): the states cannot be rebuilt so
        }
    }

    /** Whether the state can be read and written in place here (see the class comment). */
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
