package io.somnus.experiment.sg;

import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.io.AtomicFiles;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.ResumeArithmetic;
import io.somnus.experiment.model.RunFiles;
import io.somnus.sg.SgCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An SG-SNN run's resume snapshot, {@value RunDirectory#RESUME_SNAPSHOT} in its (temporary) run directory
 * (docs/run-directory.md, "Resume snapshot"): written after every epoch, replacing the last (a temporary file, then
 * a rename), and removed when the run has written its results. It holds the trainer's {@link SgCheckpoint}, what
 * the run has recorded so far (the rows of metrics.csv, sleep_traces.csv, weight_histograms.csv) and the number
 * of the last sleep episode recorded, after the arithmetic it was computed with ({@link ResumeArithmetic}, checked at
 * a resume); it is bound to the run's config.yaml by that file's SHA-256, and ends with the
 * SHA-256 of everything before it, so that a damaged snapshot is refused rather than resumed from.
 */
final class SgResumeSnapshot {
    private static final byte[] MAGIC = "SOMNUS-SG-RESUME\n".getBytes(StandardCharsets.US_ASCII);
    /** 2: the arithmetic recorded after the configuration's digest ({@link ResumeArithmetic}); 1: none (still read). */
    private static final int VERSION = 2;
    private static final int DIGEST = 32;

    /** What a snapshot gives back to the run going on from it (the run's tables are put back into its RunFiles). */
    record Contents(SgCheckpoint checkpoint, int recordedEpisodes) { }

    private SgResumeSnapshot() { }

    /** Replaces the snapshot in {@code files}' directory with the state after {@code checkpoint}'s epoch. */
    static void write(RunFiles files, SgCheckpoint checkpoint, int recordedEpisodes) throws IOException {
        Path dir = files.dir();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.write(sha256(Files.readAllBytes(dir.resolve(RunDirectory.CONFIG))));
            new ResumeArithmetic.Recorded(ResumeArithmetic.current(true), files.arithmeticMixes()).write(out);
            checkpoint.write(out);
            out.writeInt(recordedEpisodes);
            files.writeState(out);
        }
        byte[] body = bytes.toByteArray();
        byte[] all = Arrays.copyOf(body, body.length + DIGEST);
        System.arraycopy(sha256(body), 0, all, body.length, DIGEST);
        AtomicFiles.write(dir.resolve(RunDirectory.RESUME_SNAPSHOT), all);
    }

    /**
     * Reads the snapshot in {@code files}' directory, checks it against that directory's config.yaml and puts the
     * recorded tables back into {@code files}.
     *
     * @throws FileFormatException when there is none, or it is damaged or of another version
     * @throws ConfigException     when config.yaml is not the one the run started with
     */
    static Contents read(RunFiles files) throws IOException {
        Path dir = files.dir();
        Path file = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] body = verified(dir, files.allowOtherArithmetic());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            files.arithmeticMixes(arithmetic(in, file, files.allowOtherArithmetic()));
            SgCheckpoint checkpoint = SgCheckpoint.read(in);
            int episodes = in.readInt();
            files.readState(in);
            if (in.available() != 0) {
                throw new IOException(in.available() + " bytes left over");
            }
            return new Contents(checkpoint, episodes);
        } catch (java.io.EOFException e) {
            throw new FileFormatException(file + " ends early; the run cannot be resumed from it, run it again", e);
        } catch (IOException e) {
            throw new FileFormatException(file + " cannot be read as a resume snapshot (" + e.getMessage()
                    + "); the run cannot be resumed from it, run it again", e);
        }
    }

    /**
     * The snapshot in {@code dir} without its trailing digest, after checking that it is one, undamaged, of this
     * version and taken under {@code dir}'s config.yaml (before any data is loaded for the run).
     *
     * @throws FileFormatException when there is none, or it is damaged or of another version
     * @throws ConfigException     when config.yaml is not the one the run started with, or this JVM computes otherwise
     *                             than the one that wrote the snapshot and not {@code allowOtherArithmetic}
     */
    static byte[] verified(Path dir, boolean allowOtherArithmetic) throws IOException {
        Path file = dir.resolve(RunDirectory.RESUME_SNAPSHOT);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new FileFormatException(dir + " has no resume snapshot (" + RunDirectory.RESUME_SNAPSHOT + "): the run "
                    + "stopped before its first epoch ended, or is not an SG-SNN run; run it again");
        }
        int head = MAGIC.length + 4 + DIGEST;
        if (all.length < head + DIGEST || !Arrays.equals(MAGIC, Arrays.copyOf(all, MAGIC.length))) {
            throw new FileFormatException(file + " is not a Somnus resume snapshot; the run cannot be resumed, run it again");
        }
        byte[] body = Arrays.copyOf(all, all.length - DIGEST);
        if (!Arrays.equals(sha256(body), Arrays.copyOfRange(all, body.length, all.length))) {
            throw new FileFormatException(file + " is damaged (its SHA-256 does not match its content); the run cannot "
                    + "be resumed from it, run it again");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION && version != 1) {
                throw new FileFormatException(file + " is a resume snapshot of version " + version + "; this Somnus "
                        + "resumes versions 1 and " + VERSION + " only: run it again (or resume with the Somnus that started it)");
            }
            byte[] config = in.readNBytes(DIGEST);
            if (!Arrays.equals(config, sha256(Files.readAllBytes(dir.resolve(RunDirectory.CONFIG))))) {
                throw new ConfigException(dir.resolve(RunDirectory.CONFIG) + " is not the configuration the run started "
                        + "with (its SHA-256 differs from the one in " + RunDirectory.RESUME_SNAPSHOT + "); put the "
                        + "run's own config.yaml back, or run the changed configuration afresh");
            }
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            arithmetic(in, file, allowOtherArithmetic);
        }
        return body;
    }

    /**
     * Reads the snapshot's head from {@code in} (at its start) up to the training's state and checks the arithmetic
     * it records against this JVM's; returns the mixes the run goes on with ({@link ResumeArithmetic#check}).
     */
    private static java.util.List<String> arithmetic(DataInputStream in, Path file, boolean allow) throws IOException {
        in.skipNBytes(MAGIC.length);
        int version = in.readInt();
        in.skipNBytes(DIGEST);
        ResumeArithmetic.Recorded recorded = version >= 2 ? ResumeArithmetic.Recorded.read(in) : null;
        return ResumeArithmetic.check(file, recorded, ResumeArithmetic.current(true), allow);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
