package io.somnus.experiment.model;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunDirectory;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The file a run's resume snapshot is kept in, {@value RunDirectory#RESUME_SNAPSHOT} in its (temporary) run directory
 * (docs/run-directory.md, "Resume snapshot"), for either model: a first line naming the model, a format version, the
 * SHA-256 of the run's config.yaml, the arithmetic the run computed with ({@link ResumeArithmetic}, checked at a
 * resume), the seconds the run has taken so far on its clocks ({@link RunFiles#secondsSoFar}), the class files of
 * its classes of one's own ({@link RunFiles#userClasses}, compared at a resume), which CPU clocks have been the
 * run's own ({@link RunFiles#clocksSoFar}), the model's training state, the rows
 * the run has recorded ({@link RunFiles#writeState}) and the SHA-256 of everything before it, so that a damaged
 * snapshot is refused rather than resumed from. Written to a temporary file, then renamed over the last.
 */
public final class ResumeSnapshotFile {
    /**
     * 5: which CPU clocks were the run's own so far ({@link OwnClocks}) after the class files (4 is still read: the
     * resumed part's then price the run, as before); 4: the class files of the run's classes of one's own after the seconds (3 is still read: nothing to compare
     * then); 3: the run's seconds so far after the arithmetic; 2: the arithmetic recorded after the configuration's
     * digest (still read: the seconds before it are then unknown, and left out); 1: neither (still read, with the user's
     * consent).
     */
    private static final int VERSION = 5;
    /** The run's seconds so far: wall, its thread's CPU, the JVM's CPU (version 3 on). */
    private static final int CLOCKS = 3;
    private static final int DIGEST = 32;

    /** Writes the model's training state. */
    public interface State {
        /** Writes the state to {@code out} (the snapshot's temporary file). */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the model's training state back. */
    public interface Restore<T> {
        /** Reads the state back from {@code in}; an {@link IOException} for a snapshot that does not fit the run. */
        T read(DataInputStream in) throws IOException;
    }

    private final byte[] magic;
    private final String model;
    private final boolean sg;
    private final String noneBecause;

    /**
     * @param model       the model's name in messages and the file's first line ("SG-SNN", "STDP-SNN")
     * @param sg          whether the SG-SNN's arithmetic is recorded (its BLAS) besides what both models share
     * @param noneBecause why a run may have no snapshot, after "the run " (for the message when there is none)
     */
    public ResumeSnapshotFile(String model, boolean sg, String noneBecause) {
        this.magic = ("SOMNUS-" + model.replace("-SNN", "") + "-RESUME\n").getBytes(StandardCharsets.US_ASCII);
        this.model = model;
        this.sg = sg;
        this.noneBecause = noneBecause;
    }

    /**
     * Replaces the snapshot in {@code files}' directory; returns its size in bytes. Streamed into the temporary file
     * with its digest computed on the way: held in memory, the snapshot took up to four times its size of heap at
     * once (a growing buffer, its copy and the copy with the digest), which at diehl-cook's N_e = 6 400 ran a 1 GiB
     * heap out at the first checkpoint, after the network and its evaluation had fit.
     */
    public long write(RunFiles files, State state) throws IOException {
        Path dir = files.dir();
        byte[] config = sha256(Files.readAllBytes(dir.resolve(RunDirectory.CONFIG)));
        Path file = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        AtomicFiles.write(file, sink -> {
            BufferedOutputStream buffered = new BufferedOutputStream(sink, 1 << 16);
            MessageDigest digest = sha256();
            DataOutputStream out = new DataOutputStream(new DigestOutputStream(buffered, digest));
            out.write(magic);
            out.writeInt(VERSION);
            out.write(config);
            new ResumeArithmetic.Recorded(ResumeArithmetic.current(sg), files.arithmeticMixes()).write(out);
            for (double seconds : files.secondsSoFar()) {
                out.writeDouble(seconds);
            }
            writeUserClasses(out, files.userClasses());
            OwnClocks.write(out, files.clocksSoFar());
            state.write(out);
            files.writeState(out);
            out.flush();
            buffered.write(digest.digest()); // the digest of everything before it, outside the digested stream
            buffered.flush();
        });
        return Files.size(file);
    }

    /**
     * Reads the snapshot in {@code files}' directory: the training's state through {@code state}, the recorded tables
     * back into {@code files}, and the arithmetic mixes the run goes on with. The snapshot is the one {@link
     * RunFiles#verifiedSnapshot} hands over where the resume checked it already (read and digested once), else it is
     * read and checked here ({@link #verified}).
     *
     * @throws FileFormatException when there is none, it is damaged, of another version or not of this run
     * @throws ConfigException     when config.yaml is not the one the run started with, or the arithmetic differs
     *                             and {@link RunFiles#allowOtherArithmetic()} is not set
     */
    public <T> T read(RunFiles files, Restore<T> state) {
        Path file = files.dir().resolve(RunDirectory.RESUME_SNAPSHOT);
        try {
            Verified snapshot = files.verifiedSnapshot().orElse(null);
            if (snapshot == null || !snapshot.model.equals(model)) {
                snapshot = verified(files.dir(), files.allowOtherArithmetic());
            }
            try (DataInputStream in = snapshot.body()) {
                Head head = head(in, file, files.allowOtherArithmetic());
                files.arithmeticMixes(head.arithmeticMixes());
                files.earlierSeconds(head.earlierSeconds());
                files.earlierClocks(head.earlierClocks());
                T read = state.read(in);
                files.readState(in);
                if (in.available() != 0) {
                    throw new IOException(in.available() + " bytes left over");
                }
                return read;
            }
        } catch (EOFException e) {
            throw new FileFormatException(file + " ends early; the run cannot be resumed from it, run it again", e);
        } catch (IOException e) {
            throw new FileFormatException(file + " cannot be read as an " + model + " resume snapshot of this run ("
                    + e.getMessage() + "); the run cannot be resumed from it, run it again", e);
        }
    }

    /**
     * A snapshot read and checked ({@link #verified}): its bytes, held from the check to the resume, so that neither
     * reads the file again nor digests it again (a diehl-cook N_e = 6 400 run's is tens of MB).
     */
    public static final class Verified {
        private final String model;
        private final int magicLength;
        private final byte[] file;
        private final int bodyLength;

        private Verified(String model, int magicLength, byte[] file, int bodyLength) {
            this.model = model;
            this.magicLength = magicLength;
            this.file = file;
            this.bodyLength = bodyLength;
        }

        /** The model's name in messages ("SG-SNN", "STDP-SNN"). */
        public String model() {
            return model;
        }

        /** The snapshot from its first byte up to its trailing digest. */
        DataInputStream body() {
            return new DataInputStream(new ByteArrayInputStream(file, 0, bodyLength));
        }

        /**
         * The training's state, past the head (the model's line, version, configuration digest, arithmetic and
         * seconds so far): for
         * a glance at where the run stands ({@code run.ResumePoint}).
         */
        public DataInputStream trainingState() throws IOException {
            DataInputStream in = body();
            in.skipNBytes(magicLength);
            int version = in.readInt();
            in.skipNBytes(DIGEST);
            if (version >= 2) {
                ResumeArithmetic.Recorded.read(in);
            }
            if (version >= 3) {
                in.skipNBytes(CLOCKS * Double.BYTES);
            }
            if (version >= 4) {
                readUserClasses(in);
            }
            if (version >= 5) {
                OwnClocks.read(in);
            }
            return in;
        }

        /**
         * The class files of the run's classes of one's own by class name, as the run recorded them when it started
         * ({@link RunFiles#userClasses}); empty for a run that loaded none, or a snapshot of version 3 or before,
         * which did not record them.
         */
        public Map<String, SortedMap<String, String>> userClasses() throws IOException {
            DataInputStream in = body();
            in.skipNBytes(magicLength);
            int version = in.readInt();
            if (version < 4) {
                return Map.of();
            }
            in.skipNBytes(DIGEST);
            ResumeArithmetic.Recorded.read(in);
            in.skipNBytes(CLOCKS * Double.BYTES);
            return readUserClasses(in);
        }
    }

    /**
     * The snapshot in {@code dir}, read once, after checking that it is this model's, undamaged, of
     * a version this Somnus reads, taken under {@code dir}'s config.yaml and computed as this JVM computes (before any
     * data is loaded for the run).
     *
     * @throws FileFormatException when there is none, or it is damaged or of another version or model
     * @throws ConfigException     when config.yaml is not the one the run started with, or this JVM computes otherwise
     *                             than the one that wrote the snapshot and not {@code allowOtherArithmetic}
     */
    public Verified verified(Path dir, boolean allowOtherArithmetic) throws IOException {
        Path file = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FileFormatException(dir + " has no resume snapshot (" + RunDirectory.RESUME_SNAPSHOT + "): the run "
                    + noneBecause + "; run it again");
        }
        int head = magic.length + 4 + DIGEST;
        if (all.length < head + DIGEST || !Arrays.equals(magic, Arrays.copyOf(all, magic.length))) {
            throw new FileFormatException(file + " is not a Somnus " + model + " resume snapshot; the run cannot be "
                    + "resumed, run it again");
        }
        int bodyLength = all.length - DIGEST;
        MessageDigest digest = sha256();
        digest.update(all, 0, bodyLength); // in place: a copy of the body would double the heap it takes
        if (!Arrays.equals(digest.digest(), Arrays.copyOfRange(all, bodyLength, all.length))) {
            throw new FileFormatException(file + " is damaged (its SHA-256 does not match its content); the run cannot "
                    + "be resumed from it, run it again");
        }
        Verified snapshot = new Verified(model, magic.length, all, bodyLength);
        try (DataInputStream in = snapshot.body()) {
            in.skipNBytes(magic.length);
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new FileFormatException(file + " is a resume snapshot of version " + version + "; this Somnus "
                        + "resumes versions 1 to " + VERSION + " only: run it again (or resume with the Somnus that "
                        + "started it)");
            }
            byte[] config = in.readNBytes(DIGEST);
            if (!Arrays.equals(config, sha256(Files.readAllBytes(dir.resolve(RunDirectory.CONFIG))))) {
                throw new ConfigException(dir.resolve(RunDirectory.CONFIG) + " is not the configuration the run started "
                        + "with (its SHA-256 differs from the one in " + RunDirectory.RESUME_SNAPSHOT + "); put the "
                        + "run's own config.yaml back, or run the changed configuration afresh");
            }
        }
        try (DataInputStream in = snapshot.body()) {
            head(in, file, allowOtherArithmetic);
        }
        return snapshot;
    }

    /**
     * What a snapshot's head carries into the resumed run.
     *
     * @param arithmeticMixes the mixes the run goes on with ({@link ResumeArithmetic#check})
     * @param earlierSeconds  the seconds the run took before the snapshot on its clocks; 0 for a snapshot of version 1
     *                        or 2, which did not record them
     * @param earlierClocks   which CPU clocks were the run's own before the snapshot; null for a snapshot before
     *                        version 5, which did not record them
     */
    private record Head(List<String> arithmeticMixes, double[] earlierSeconds, OwnClocks earlierClocks) {
    }

    /**
     * Reads the snapshot's head from {@code in} (at its start) up to the training's state and checks the arithmetic
     * it records against this JVM's.
     */
    private Head head(DataInputStream in, Path file, boolean allow) throws IOException {
        in.skipNBytes(magic.length);
        int version = in.readInt();
        in.skipNBytes(DIGEST);
        ResumeArithmetic.Recorded recorded = version >= 2 ? ResumeArithmetic.Recorded.read(in) : null;
        List<String> mixes = ResumeArithmetic.check(file, recorded, ResumeArithmetic.current(sg), allow);
        double[] earlier = new double[CLOCKS];
        if (version >= 3) {
            for (int k = 0; k < CLOCKS; k++) {
                earlier[k] = in.readDouble();
            }
        }
        if (version >= 4) {
            readUserClasses(in); // compared before the resume loads anything (run.StandardRunExecutor#resumption)
        }
        OwnClocks clocks = version >= 5 ? OwnClocks.read(in) : null;
        return new Head(mixes, earlier, clocks);
    }

    /** The number of classes, then each class's name, its number of class files and each one's name and SHA-256. */
    private static void writeUserClasses(DataOutputStream out, Map<String, SortedMap<String, String>> classes)
            throws IOException {
        out.writeInt(classes.size());
        for (Map.Entry<String, SortedMap<String, String>> c : classes.entrySet()) {
            out.writeUTF(c.getKey());
            out.writeInt(c.getValue().size());
            for (Map.Entry<String, String> f : c.getValue().entrySet()) {
                out.writeUTF(f.getKey());
                out.writeUTF(f.getValue());
            }
        }
    }

    private static Map<String, SortedMap<String, String>> readUserClasses(DataInputStream in) throws IOException {
        Map<String, SortedMap<String, String>> out = new LinkedHashMap<>();
        int classes = in.readInt();
        for (int c = 0; c < classes; c++) {
            String name = in.readUTF();
            int files = in.readInt();
            SortedMap<String, String> digests = new TreeMap<>();
            for (int f = 0; f < files; f++) {
                digests.put(in.readUTF(), in.readUTF());
            }
            out.put(name, digests);
        }
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
