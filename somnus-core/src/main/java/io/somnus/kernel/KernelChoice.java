package io.somnus.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How this JVM's preferred kernels were chosen (recorded in provenance.json). {@code source}: {@code forced}
 * ({@code -Dsomnus.kernels=scalar|vector}), {@code only-scalar} (no Vector API module), {@code cached} (an
 * earlier calibration on this CPU model and JVM), {@code calibrated} (measured at start-up; then
 * {@code nanosPerStep} holds each candidate's median time per calibration step) or {@code rule} (the
 * calibration did not settle, e.g. on a loaded machine: the SIMD kernels when their vectors are at least 256
 * bits, as 128-bit ones measured slower than scalar; not cached).
 */
public record KernelChoice(Kernels kernels, String source, Map<String, Double> nanosPerStep, String cacheFile) {
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

    /** The cache key: what the speed of a kernel depends on. */
    static String key(List<Kernels> candidates) {
        StringBuilder b = new StringBuilder(io.somnus.core.CpuInfo.model()).append(" | ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.vm.version"));
        for (Kernels k : candidates) {
            b.append(" | ").append(k.name());
        }
        return b.toString();
    }

    /**
     * {@code auto}: the only candidate, a cached choice among {@code candidates}, or a calibration (then cached).
     */
    static KernelChoice auto(List<Kernels> candidates, KernelChoiceCache cache,
                             Supplier<KernelCalibration.Result> calibration) {
        if (candidates.size() == 1) {
            return new KernelChoice(candidates.get(0), "only-" + candidates.get(0).name(), Map.of(), null);
        }
        String key = key(candidates);
        Optional<String> cached = cache.read(key);
        if (cached.isPresent()) {
            for (Kernels k : candidates) {
                if (k.name().equals(cached.get())) {
                    return new KernelChoice(k, "cached", Map.of(), cache.file(key).toString());
                }
            }
        }
        KernelCalibration.Result r = calibration.get();
        if (!r.settled()) {
            return new KernelChoice(rule(candidates), "rule", r.nanosPerStep(), null);
        }
        String file = cache.write(key, r).map(Object::toString).orElse(null);
        return new KernelChoice(r.chosen(), "calibrated", r.nanosPerStep(), file);
    }
}
