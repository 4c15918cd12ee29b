package io.somnus.experiment.model;

import io.somnus.core.GaussianDraws;
import io.somnus.experiment.config.ConfigException;
import io.somnus.sg.SgThreading;
import io.somnus.sg.SgTrainer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arithmetic a resume snapshot was computed with (docs/run-directory.md, "Resume snapshot"): the facts of a JVM
 * that change a run's numbers, recorded in every snapshot and compared with the resuming JVM's. A run resumed under
 * other arithmetic has parts of each computation, so its last digits are neither run's: the resume is refused, naming
 * each fact as it was and as it is, unless {@value #OPTION} was given, and then the mix goes into provenance.json
 * ({@value #PROVENANCE}).
 * <p>
 * The facts (docs/portability.md): both models draw Gaussians ({@code gaussian_draws}: Somnus's ziggurat or a JDK's
 * own, which differ from Java 25 on) and run on one instruction set ({@code os_arch}: other architectures' {@code Math}
 * intrinsics are other code); the STDP-SNN's kernels give the same bits at every SIMD width, so no width is recorded for
 * it. The SG-SNN's products also depend on the BLAS ({@code blas_implementation}, {@code blas_library}), OpenBLAS's
 * kernels ({@code openblas_coretype}) and, where the CPU picks those (the core type detected) or the vector width
 * (netlib's Java BLAS), on the CPU's SIMD extensions ({@code cpu_simd}), and for the Java BLAS on the Vector API's
 * width ({@code java_vector_bits}, which {@code -XX:UseAVX} narrows), and for a native BLAS on the threads its
 * products take ({@code openblas_threads}: one and two threads give different numbers, docs/sg.md "Threads").
 */
public final class ResumeArithmetic {
    /** The {@code train --resume} option that goes on under other arithmetic all the same. */
    public static final String OPTION = "--allow-other-arithmetic";
    /** provenance.json's list of the resumes that went on under other arithmetic. */
    public static final String PROVENANCE = "resumed_under_other_arithmetic";

    private ResumeArithmetic() { }

    /** This JVM's facts for a run of the SG-SNN ({@code sg}) or the STDP-SNN, in a fixed order. */
    public static Map<String, String> current(boolean sg) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("gaussian_draws", GaussianDraws.stream());
        f.put("os_arch", System.getProperty("os.arch"));
        if (sg) {
            Map<String, Object> blas = SgTrainer.blasProvenance();
            for (String k : new String[] {"blas_implementation", "blas_library", "openblas_coretype"}) {
                f.put(k, String.valueOf(blas.get(k)));
            }
            // where the CPU chooses the kernels or the vector width, its SIMD extensions are part of the arithmetic
            if (String.valueOf(blas.get("blas_library")).startsWith("none")
                    || String.valueOf(blas.get("openblas_coretype")).startsWith("detected")) {
                f.put("cpu_simd", String.valueOf(blas.get("cpu_simd")));
            }
            if (String.valueOf(blas.get("blas_library")).startsWith("none")) {
                f.put("java_vector_bits", preferredVectorBits()); // -XX:UseAVX narrows it on the same CPU
            } else { // OpenBLAS's threads sum a product's blocks in another order: OPENBLAS_NUM_THREADS=2 ≠ 1
                f.put("openblas_threads", String.valueOf(SgThreading.blasThreads()));
            }
        }
        return f;
    }

    /** The Vector API's preferred float width in bits, which netlib's Java BLAS sums in; read reflectively. */
    private static String preferredVectorBits() {
        try {
            Object species = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
            return String.valueOf(Class.forName("jdk.incubator.vector.VectorSpecies").getMethod("vectorBitSize")
                    .invoke(species));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return "no Vector API";
        }
    }

    /**
     * What a snapshot records: the facts of the JVM that wrote it and the mixes of the run so far (earlier resumes
     * under other arithmetic, in words).
     *
     * @param facts the writing JVM's arithmetic facts by name (e.g. its Java version, kernels, BLAS)
     * @param mixes the earlier resumes under other arithmetic, each in words, oldest first
     */
    public record Recorded(Map<String, String> facts, List<String> mixes) {
        /** Writes the facts and the mixes, in the snapshot's format. */
        public void write(DataOutput out) throws IOException {
            out.writeInt(facts.size());
            for (Map.Entry<String, String> e : facts.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeInt(mixes.size());
            for (String m : mixes) {
                out.writeUTF(m);
            }
        }

        /** Reads back what {@link #write} wrote; an {@link IOException} for a truncated or malformed record. */
        public static Recorded read(DataInput in) throws IOException {
            Map<String, String> facts = new LinkedHashMap<>();
            for (int i = 0, n = count(in); i < n; i++) {
                facts.put(in.readUTF(), in.readUTF());
            }
            List<String> mixes = new ArrayList<>();
            for (int i = 0, n = count(in); i < n; i++) {
                mixes.add(in.readUTF());
            }
            return new Recorded(facts, mixes);
        }

        private static int count(DataInput in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 10_000) {
                throw new IOException("impossible count of arithmetic facts: " + n);
            }
            return n;
        }
    }

    /**
     * "fact: A when the snapshot was written, B now" for each fact that differs (one missing on a side, as
     * {@code cpu_simd} where a core type is pinned: "not applicable").
     */
    public static List<String> differences(Map<String, String> then, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(then);
        now.forEach(all::putIfAbsent);
        for (String k : all.keySet()) {
            String a = then.getOrDefault(k, "not applicable");
            String b = now.getOrDefault(k, "not applicable");
            if (!a.equals(b)) {
                out.add(k + ": " + a + " when the snapshot was written, " + b + " now");
            }
        }
        return out;
    }

    /**
     * The mixes the run goes on with: those recorded, plus this resume's where its arithmetic differs and
     * {@code allow}; {@code recorded} null: a snapshot of a version that recorded none.
     *
     * @throws ConfigException where the arithmetic differs (or is unknown) and not {@code allow}
     */
    public static List<String> check(Path snapshot, Recorded recorded, Map<String, String> now, boolean allow) {
        List<String> mixes = new ArrayList<>(recorded == null ? List.of() : recorded.mixes());
        if (recorded == null) {
            if (!allow) {
                throw new ConfigException(snapshot + " was written by an earlier Somnus that did not record the "
                        + "arithmetic it computed with, so nothing can check that this JVM computes alike; resume with "
                        + OPTION + " if the run was started in this same setting (the same launcher, BLAS, core type "
                        + "and JDK; provenance.json then records that it was not checked), or run it again");
            }
            mixes.add("not checked: the snapshot records no arithmetic (written by an earlier Somnus)");
            return mixes;
        }
        List<String> diff = differences(recorded.facts(), now);
        if (diff.isEmpty()) {
            return mixes;
        }
        if (!allow) {
            throw new ConfigException(snapshot + " was computed with other arithmetic than this JVM's ("
                    + String.join("; ", diff) + "), so going on would mix two computations and the results would be "
                    + "neither run's: resume in the setting the run was started in (./somnus sets OPENBLAS_CORETYPE and "
                    + "the --add-opens that Somnus's own Gaussian draws need; the same BLAS and JDK, "
                    + "docs/portability.md), or pass " + OPTION + " to go on regardless (provenance.json then records "
                    + "the mix as " + PROVENANCE + ")");
        }
        mixes.add(String.join("; ", diff));
        return mixes;
    }
}
