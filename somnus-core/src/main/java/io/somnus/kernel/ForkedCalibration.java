package io.somnus.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@link KernelCalibration} of SIMD kernels at a width this JVM did not load, in a second JVM: one JVM holds one
 * width ({@link VectorWidth}). The second JVM gets this one's options (agents and heap size left out), the width
 * forced by {@code -Dsomnus.vector.bits}, and this class path; it times the scalar kernels beside the SIMD ones, so
 * that the caller can compare their ratio with its own (the two JVMs do not run at the same moment).
 */
final class ForkedCalibration {
    /** The second JVM's result: median ns per calibration step of "scalar" and the SIMD kernels, and whether settled. */
    record Timing(Map<String, Double> nanosPerStep, boolean settled) { }

    /**
     * The options passed on: not agents or a debugger, not recordings or logs that write files (the second JVM would
     * overwrite this one's), not the heap size (a calibration needs little).
     */
    static final Predicate<String> KEPT = Pattern.compile(
            "-javaagent.*|-agent.*|-Xrunjdwp.*|-Xdebug|-Xm[xs].*|-Xlog.*|-Xloggc.*|-XX:[+-]?(StartFlightRecording|FlightRecorder"
                    + "|DumpPerfMap|HeapDump|ErrorFile|LogFile|LogCompilation|PrintAssembly).*")
            .asMatchPredicate().negate();

    /** Longer than a calibration's 3 s of timing plus its warm-up and a JVM start on a loaded machine. */
    static final long TIMEOUT_SECONDS = 60;

    private ForkedCalibration() { }

    /**
     * Times {@code scalar} and {@code simdName} ("vector-N") in a second JVM.
     *
     * @return empty where that JVM could not start, failed, timed out or answered for other kernels
     */
    static Optional<Timing> measure(String simdName) {
        return measure(simdName, TIMEOUT_SECONDS);
    }

    /** {@link #measure(String)} waiting up to {@code timeoutSeconds} for the answer (a test's own patience). */
    static Optional<Timing> measure(String simdName, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (KEPT.test(option)) {
                command.add(option);
            }
        }
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xmx256m",
                "-Dsomnus.vector.bits=" + VectorWidth.bits(simdName), "-cp", System.getProperty("java.class.path"),
                ForkedCalibration.class.getName()));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        try (InputStream out = p.getInputStream()) {
            p.getOutputStream().close();
            // the answer is a few lines, far below a pipe's buffer: wait for the exit, then read them
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String answer = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() == 0 ? parse(answer, simdName) : Optional.empty();
        } catch (IOException e) {
            p.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Lines {@code name=ns} and {@code settled=true|false}; empty unless both kernels' times are there. */
    static Optional<Timing> parse(String answer, String simdName) {
        Map<String, Double> ns = new LinkedHashMap<>();
        Boolean settled = null;
        for (String line : answer.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = line.substring(0, eq).trim();
            String value = line.substring(eq + 1).trim();
            try {
                if (key.equals("settled")) {
                    settled = Boolean.parseBoolean(value);
                } else if (key.equals("scalar") || key.equals(simdName)) {
                    double v = Double.parseDouble(value);
                    if (v > 0 && v < Double.POSITIVE_INFINITY) {
                        ns.put(key, v);
                    }
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        if (settled == null || !ns.containsKey("scalar") || !ns.containsKey(simdName)) {
            return Optional.empty();
        }
        return Optional.of(new Timing(ns, settled));
    }

    /** The second JVM: calibrates the scalar kernels and the SIMD kernels at this JVM's width; prints the timings. */
    public static void main(String[] args) {
        Kernels simd = Kernels.vector();
        if (simd == null) {
            System.err.println("no SIMD kernels: the JVM needs --add-modules jdk.incubator.vector");
            System.exit(2);
        }
        KernelCalibration.Result r = KernelCalibration.measure(List.of(Kernels.scalar(), simd), 200, 16, 200, 3000);
        StringBuilder b = new StringBuilder("settled=").append(r.settled()).append('\n');
        r.nanosPerStep().forEach((name, ns) -> b.append(name).append('=').append(ns).append('\n'));
        System.out.print(b);
        System.out.flush();
    }
}
