package io.somnus.kernel;

import io.somnus.core.CpuInfo;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How this JVM's preferred kernels were chosen (recorded in provenance.json). {@code source}: {@code forced}
 * ({@code -Dsomnus.kernels=scalar|vector}), {@code only-scalar} (no Vector API module), {@code cached} (an
 * earlier calibration on this CPU model and JVM), {@code calibrated} (measured at start-up; then
 * {@code nanosPerStep} holds each candidate's median time per calibration step) or {@code rule} (the
 * calibration did not settle, e.g. on a loaded machine: the SIMD kernels when their vectors are at least 256
 * bits, as 128-bit ones measured slower than scalar; not cached).
 *
 * @param kernels      the kernels chosen
 * @param source       how they were chosen: {@code forced}, {@code only-scalar}, {@code cached}, {@code calibrated} or
 *                     {@code rule}
 * @param nanosPerStep each candidate's median time per calibration step, in ns, by kernel name, where they were
 *                     measured at start-up ({@code calibrated}; {@code rule}'s unsettled timings); empty otherwise
 * @param cacheFile    the calibration cache file read ({@code cached}) or written ({@code calibrated}), or null
 */
public record KernelChoice(Kernels kernels, String source, Map<String, Double> nanosPerStep, String cacheFile) {
    /**
     * How much faster than the winner so far another width must be, in both of its JVMs, to replace it. At the
     * calibration's 100 neurons the two widths of a Zen 4 EPYC came within 0.2 % of each other, and the half width won
     * that coin toss for every later JVM; at N_e = 6 400 the full width then trained 12–22 % faster and evaluated
     * 24–43 % faster (docs/performance-rounds.md, twenty-ninth round). Within the margin the machine's widest stays.
     */
    static final double OTHER_WIDTH_MARGIN = 0.05;

    /** For provenance.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kernels", kernels.name());
        m.put("source", source);
        if (!nanosPerStep.isEmpty()) {
            m.put("nanos_per_step", nanosPerStep);
        }
        if (cacheFile != null) {
            m.put("cache_file", cacheFile);
        }
        return m;
    }

    /** Without a trustworthy measurement: the widest SIMD candidate of at least 256 bits, else scalar. */
    static Kernels rule(List<Kernels> candidates) {
        Kernels pick = candidates.get(0);
        for (Kernels k : candidates) {
            if (k.name().startsWith("vector-") && Integer.parseInt(k.name().substring("vector-".length())) >= 256) {
                pick = k;
            }
        }
        return pick;
    }

    /**
     * The cache key: what the speed of a kernel depends on (the CPU, by {@link io.somnus.core.CpuInfo#description}:
     * a VM's model name alone can be the same on unlike CPUs; the JVM and its {@code -XX} options; the candidates'
     * names).
     */
    static String key(List<String> candidateNames) {
        return key(candidateNames, ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /**
     * The key with these JVM options: the {@code -XX} ones count, as they change what C2 makes of the kernels (under
     * {@code -XX:TypeProfileWidth=0}, a diagnostic setting, the SIMD kernels calibrated 3–16× slower than the scalar
     * ones, and that choice would otherwise have stayed for every later JVM of this version).
     */
    static String key(List<String> candidateNames, List<String> jvmOptions) {
        StringBuilder b = new StringBuilder(CpuInfo.description()).append(" | ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.vm.version"));
        for (String option : jvmOptions) {
            if (option.startsWith("-XX:")) {
                b.append(' ').append(option);
            }
        }
        for (String name : candidateNames) {
            b.append(" | ").append(name);
        }
        return b.toString();
    }

    /**
     * {@code auto}: the only candidate, a cached choice, or a calibration (then cached). {@code names} are the
     * candidates in the cache key's order: the {@code loaded} kernels and SIMD kernels at another width, which
     * {@code otherWidth} times in a second JVM; their time is scaled by the ratio of the two JVMs' scalar times. When
     * another width wins by {@link #OTHER_WIDTH_MARGIN}, twice (a third JVM confirms it), this JVM runs the faster of
     * its own kernels and the next JVMs the winner ({@link VectorWidth}). Where scalar beats the loaded SIMD kernels of
     * at least 256 bits, a second JVM times those again: the next JVMs get the faster of scalar and its timing, and
     * nothing is cached where it cannot answer.
     */
    static KernelChoice auto(List<Kernels> loaded, List<String> names, KernelChoiceCache cache,
                             Supplier<KernelCalibration.Result> calibration,
                             Function<String, Optional<ForkedCalibration.Timing>> otherWidth) {
        if (names.size() == 1) {
            return new KernelChoice(loaded.get(0), "only-" + loaded.get(0).name(), Map.of(), null);
        }
        String key = key(names);
        Kernels ruled = rule(loaded);
        String simd = ruled.name();
        // scalar cached under SIMD kernels of at least 256 bits counts only where a second JVM confirmed it (below);
        // such a choice cached before that rule is measured again
        Optional<String> cached = cache.read(key).filter(names::contains)
                .filter(name -> !name.equals("scalar") || simd.equals("scalar") || cache.confirmedInSecondJvm(key));
        if (cached.isPresent()) {
            Kernels pick = ruled; // the cached choice at a width this JVM did not load: the loaded SIMD kernels
            for (Kernels k : loaded) {
                if (k.name().equals(cached.get())) {
                    pick = k;
                }
            }
            return new KernelChoice(pick, "cached", Map.of(), cache.file(key).toString());
        }
        KernelCalibration.Result r = calibration.get();
        if (!r.settled()) {
            return new KernelChoice(rule(loaded), "rule", r.nanosPerStep(), null);
        }
        Map<String, Double> ns = new LinkedHashMap<>(r.nanosPerStep());
        String best = r.chosen().name();
        boolean confirmed = false;
        if (best.equals("scalar") && !simd.equals("scalar")) {
            // Scalar beat SIMD kernels of at least 256 bits: a surprise. In 2 calibrating JVMs of 64 on a Zen 5 the
            // compile of the SIMD kernels came out several times slower (docs/performance-rounds.md, twenty-second
            // round); cached, that JVM's draw would run every later JVM scalar. A second JVM times them again, and
            // its timing (scaled as for another width) decides; without one, nothing is cached.
            Optional<Double> again = timeInAnotherJvm(simd, ns, otherWidth);
            if (again.isEmpty()) {
                return new KernelChoice(r.chosen(), "calibrated", ns, null);
            }
            ns.put(simd + " in this JVM", ns.get(simd));
            ns.put(simd, again.get());
            if (again.get() < ns.get(best)) {
                best = simd;
            } else {
                confirmed = true;
            }
        }
        for (String name : names) {
            if (ns.containsKey(name)) {
                continue;
            }
            Optional<Double> scaled = timeInAnotherJvm(name, ns, otherWidth);
            if (scaled.isEmpty()) {
                continue;
            }
            ns.put(name, scaled.get());
            double toBeat = (1 - OTHER_WIDTH_MARGIN) * ns.get(best);
            if (scaled.get() < toBeat) {
                // it wins only if a second JVM confirms it: JVMs are compared through their scalar times, and on a
                // busy machine that comparison moved by ≈ 6 %, enough to cache the slower of two widths 10 % apart
                // for every later JVM; the slower of the two timings is kept
                Optional<Double> again = timeInAnotherJvm(name, ns, otherWidth);
                if (again.isPresent()) {
                    ns.put(name, Math.max(scaled.get(), again.get()));
                    if (again.get() < toBeat) {
                        best = name;
                    }
                }
            }
        }
        String file = cache.write(key, best, ns, confirmed).map(Object::toString).orElse(null);
        return new KernelChoice(r.chosen(), "calibrated", ns, file);
    }

    /** {@code name}'s time per step in a second JVM, scaled by this JVM's scalar time over that one's; empty if unsettled. */
    private static Optional<Double> timeInAnotherJvm(String name, Map<String, Double> ns,
                                                     Function<String, Optional<ForkedCalibration.Timing>> otherWidth) {
        return otherWidth.apply(name).filter(ForkedCalibration.Timing::settled).map(t ->
                t.nanosPerStep().get(name) * ns.get("scalar") / t.nanosPerStep().get("scalar"));
    }
}
