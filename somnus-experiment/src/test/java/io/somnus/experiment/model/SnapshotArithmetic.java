package io.somnus.experiment.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rewrites a resume snapshot's recorded arithmetic as another JVM would have written it, by the layout of
 * docs/run-directory.md (a first line, the version, the configuration's SHA-256, the arithmetic, the seconds so far
 * from version 3 on, the class files of the run's classes of one's own from version 4 on, which CPU clocks were the
 * run's own from version 5 on, the state, the SHA-256 of
 * all before it), so that tests can fake a snapshot taken elsewhere.
 */
public final class SnapshotArithmetic {
    private SnapshotArithmetic() { }

    /** The snapshot's recorded facts replaced by {@code facts} of what they were (its digest made again). */
    public static void rewrite(Path snapshot, UnaryOperator<Map<String, String>> facts) throws Exception {
        edit(snapshot, 0, facts, null);
    }

    /** The snapshot taken under another config.yaml: its recorded configuration digest is {@code configSha256}. */
    public static void configDigest(Path snapshot, byte[] configSha256) throws Exception {
        edit(snapshot, 0, UnaryOperator.identity(), configSha256);
    }

    /** The snapshot turned into a version-1 one: no arithmetic recorded (nor seconds so far). */
    public static void toVersion1(Path snapshot) throws Exception {
        edit(snapshot, 1, null, null);
    }

    /** The snapshot turned into a version-2 one: the arithmetic recorded, not the run's seconds so far. */
    public static void toVersion2(Path snapshot) throws Exception {
        edit(snapshot, 2, UnaryOperator.identity(), null);
    }

    /**
     * The snapshot turned into a version-4 one: the class files recorded, not which CPU clocks were the run's own
     * (as written before 7 Dec 2026's format 5).
     */
    public static void toVersion4(Path snapshot) throws Exception {
        edit(snapshot, 4, UnaryOperator.identity(), null);
    }

    /** @param toVersion the version it becomes, 1, 2 or 4 (or 3); 0: its own */
    private static void edit(Path snapshot, int toVersion, UnaryOperator<Map<String, String>> facts,
                             byte[] configSha256) throws Exception {
        byte[] all = Files.readAllBytes(snapshot);
        byte[] body = Arrays.copyOf(all, all.length - 32);
        int magic = 0;
        while (body[magic] != '\n') {
            magic++;
        }
        magic++;
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body, magic, body.length - magic));
        int version = in.readInt();
        if (version < 2 || version > 5) {
            throw new IllegalStateException("version " + version);
        }
        byte[] config = in.readNBytes(32);
        ResumeArithmetic.Recorded recorded = ResumeArithmetic.Recorded.read(in);
        byte[] seconds = in.readNBytes(version >= 3 ? 3 * Double.BYTES : 0);
        ByteArrayOutputStream classBytes = new ByteArrayOutputStream();
        if (version >= 4) { // copied as they are: a count, then each class's name and its files' names and digests
            DataOutputStream classes = new DataOutputStream(classBytes);
            int n = in.readInt();
            classes.writeInt(n);
            for (int c = 0; c < n; c++) {
                classes.writeUTF(in.readUTF());
                int files = in.readInt();
                classes.writeInt(files);
                for (int f = 0; f < 2 * files; f++) {
                    classes.writeUTF(in.readUTF());
                }
            }
            classes.flush();
        }
        ByteArrayOutputStream clockBytes = new ByteArrayOutputStream();
        if (version >= 5) { // copied as they are: whether known, then the two fields' words
            DataOutputStream clocks = new DataOutputStream(clockBytes);
            boolean known = in.readBoolean();
            clocks.writeBoolean(known);
            if (known) {
                clocks.writeUTF(in.readUTF());
                clocks.writeUTF(in.readUTF());
            }
            clocks.flush();
        }
        byte[] rest = in.readAllBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(body, 0, magic);
        int to = toVersion == 0 ? version : toVersion;
        out.writeInt(to);
        out.write(configSha256 != null ? configSha256 : config);
        if (to >= 2) {
            new ResumeArithmetic.Recorded(facts.apply(new LinkedHashMap<>(recorded.facts())),
                    List.copyOf(recorded.mixes())).write(out);
        }
        if (to >= 3) {
            out.write(seconds);
        }
        if (to >= 4) {
            out.write(classBytes.toByteArray());
        }
        if (to >= 5) {
            out.write(clockBytes.toByteArray());
        }
        out.write(rest);
        out.flush();
        byte[] edited = bytes.toByteArray();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(edited);
        byte[] written = Arrays.copyOf(edited, edited.length + 32);
        System.arraycopy(digest, 0, written, edited.length, 32);
        Files.write(snapshot, written);
    }
}
