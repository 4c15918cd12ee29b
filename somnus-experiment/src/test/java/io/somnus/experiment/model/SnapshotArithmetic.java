package io.somnus.experiment.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rewrites a resume snapshot's recorded arithmetic as another JVM would have written it, by the layout of
 * docs/run-directory.md (a first line, the version, the configuration's SHA-256, the arithmetic, the state, the
 * SHA-256 of all before it), so that tests can fake a snapshot taken elsewhere.
 */
public final class SnapshotArithmetic {
    private SnapshotArithmetic() { }

    /** The snapshot's recorded facts replaced by {@code facts} of what they were (its digest made again). */
    public static void rewrite(Path snapshot, UnaryOperator<Map<String, String>> facts) throws Exception {
        edit(snapshot, false, facts, null);
    }

    /** The snapshot taken under another config.yaml: its recorded configuration digest is {@code configSha256}. */
    public static void configDigest(Path snapshot, byte[] configSha256) throws Exception {
        edit(snapshot, false, UnaryOperator.identity(), configSha256);
    }

    /** The snapshot turned into a version-1 one: no arithmetic recorded. */
    public static void toVersion1(Path snapshot) throws Exception {
        edit(snapshot, true, null, null);
    }

    private static void edit(Path snapshot, boolean version1, UnaryOperator<Map<String, String>> facts,
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
        if (version != 2) {
            throw new IllegalStateException("version " + version);
        }
        byte[] config = in.readNBytes(32);
        ResumeArithmetic.Recorded recorded = ResumeArithmetic.Recorded.read(in);
        byte[] rest = in.readAllBytes();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(body, 0, magic);
        out.writeInt(version1 ? 1 : 2);
        out.write(configSha256 != null ? configSha256 : config);
        if (!version1) {
            new ResumeArithmetic.Recorded(facts.apply(new java.util.LinkedHashMap<>(recorded.facts())),
                    List.copyOf(recorded.mixes())).write(out);
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
