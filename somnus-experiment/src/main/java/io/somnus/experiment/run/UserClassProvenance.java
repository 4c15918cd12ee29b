package io.somnus.experiment.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.data.FileHashes;
import io.somnus.experiment.config.ConfigException;
import io.somnus.experiment.config.RunConfig;
import io.somnus.experiment.config.StdpRunConfig;
import io.somnus.experiment.stdp.ClassNeurons;
import io.somnus.experiment.stdp.ClassRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a class of one's own that a run loaded came from, and its bytes' digests (provenance.json's
 * {@value #PROVENANCE}): a changed class under the same name is the same configuration, so the digests are what tell
 * two versions apart.
 *
 * <p>What identifies the class is {@link #classFiles}: the SHA-256 of the {@code .class} resource of the class and of
 * every other class of its nest ({@link Class#getNestMembers}: its nested, inner, local and anonymous classes, e.g. a
 * parameter record {@code MyRule$Params}, and, for a nested class, its outer class and their other members). The
 * jar's SHA-256 is recorded too, to name the very file, but not compared: a jar rebuilt from the same sources differs
 * (its entries' times), and it changes with every other class it holds. Classes of another nest that the rule calls
 * (a helper class, a library) are not covered.
 *
 * @param className  the class's binary name
 * @param source     the jar or classes directory it was loaded from, as an absolute path (a URL where it is no file,
 *                   {@code unknown} where the class loader says none)
 * @param jarSha256  the SHA-256 of {@code source} when it is a jar (a file); null for a directory
 * @param classFiles the SHA-256 of each class file of its nest, by binary name, sorted
 */
public record UserClassProvenance(String className, String source, String jarSha256,
                                  SortedMap<String, String> classFiles) {
    /** provenance.json's field: the list of the classes of one's own a run loaded; absent where it loaded none. */
    public static final String PROVENANCE = "user_classes";

    /** Holds {@code classFiles} as an unmodifiable copy sorted by binary name. */
    public UserClassProvenance {
        classFiles = Collections.unmodifiableSortedMap(new TreeMap<>(classFiles));
    }

    /** Where {@code type} came from and its nest's class files' digests. */
    public static UserClassProvenance of(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        URL location = code == null ? null : code.getLocation();
        String source = "unknown";
        String jarSha256 = null;
        if (location != null) {
            source = location.toString();
            if ("file".equals(location.getProtocol())) {
                try {
                    Path p = Path.of(location.toURI()).toAbsolutePath().normalize();
                    source = p.toString();
                    jarSha256 = Files.isRegularFile(p) ? FileHashes.sha256(p) : null;
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a path: the URL as it is
                }
            }
        }
        SortedMap<String, String> files = new TreeMap<>();
        for (Class<?> member : type.getNestHost().getNestMembers()) {
            files.put(member.getName(), classFileSha256(member));
        }
        files.putIfAbsent(type.getName(), classFileSha256(type));
        return new UserClassProvenance(type.getName(), source, jarSha256, files);
    }

    /**
     * The classes of one's own that a run of {@code cfg} loads (the neuron models of {@code model: class}, then the
     * rules of {@code rule: class}), in the order its configuration names them; empty for a configuration without
     * any, as every preset.
     *
     * @throws ConfigException naming the field, for a class that cannot be loaded
     */
    public static List<UserClassProvenance> of(RunConfig cfg) {
        List<UserClassProvenance> out = new ArrayList<>();
        if (cfg instanceof StdpRunConfig stdp) {
            ClassNeurons.neuronClasses(stdp).values().forEach(c -> out.add(of(c)));
            ClassRules.ruleClasses(stdp).values().forEach(c -> out.add(of(c)));
        }
        return out;
    }

    /** {@link #of(RunConfig)}'s class files by class name, as {@link #recorded} reads them. */
    public static Map<String, SortedMap<String, String>> classFiles(RunConfig cfg) {
        return classFiles(of(cfg));
    }

    /** The class files of {@code classes} by class name, as {@link #recorded} reads them. */
    public static Map<String, SortedMap<String, String>> classFiles(List<UserClassProvenance> classes) {
        Map<String, SortedMap<String, String>> out = new LinkedHashMap<>();
        for (UserClassProvenance u : classes) {
            out.put(u.className(), u.classFiles());
        }
        return out;
    }

    /**
     * Why a resume is refused where {@link #changed} found a class changed: the words of a sweep's {@code --resume}
     * and of {@code train --resume}, one sentence for both: {@link #resumeRefusalReason} and what to do about it.
     *
     * @param ran     what ran the classes, e.g. "the sweep in DIR", "the run in DIR"
     * @param changed what {@link #changed} said
     * @param same    what stays the same, e.g. "the configuration, and so the run ids, are the same"
     * @param putBack where to find the class as it was, e.g. "each run's provenance.json names …"
     * @param wayOn   the other way on, e.g. "run the changed class as a sweep of its own in a new --out"
     */
    public static String resumeRefusal(String ran, String changed, String same, String putBack, String wayOn) {
        return resumeRefusalReason(ran, changed, same) + ". Put the class back as it was (" + putBack + "), or "
                + wayOn + ". Nothing was changed.";
    }

    /**
     * {@link #resumeRefusal}'s why alone, without what to do and "Nothing was changed.": for a caller that goes on
     * otherwise ({@link ChangedUserClassException#reason()}).
     */
    public static String resumeRefusalReason(String ran, String changed, String same) {
        return ran + " ran its classes of one's own (rules, neuron models) from other class files than this class "
                + "path holds (" + changed + "): " + same + ", and resuming would mix the results of two versions of "
                + "the class";
    }

    /** The SHA-256 of the {@code .class} resource {@code type} was defined from. */
    static String classFileSha256(Class<?> type) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown (no " + resource.substring(1) + " resource)";
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + type.getName() + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform provides SHA-256", e);
        }
    }

    /**
     * As provenance.json writes it: {@code class_name}, {@code source}, {@code jar_sha256} (jars only),
     * {@code class_files}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className);
        m.put("source", source);
        if (jarSha256 != null) {
            m.put("jar_sha256", jarSha256);
        }
        m.put("class_files", classFiles);
        return m;
    }

    /** provenance.json's {@value #PROVENANCE} as {@link #toMap} wrote it: each class's {@code class_files}, by class name. */
    public static Map<String, SortedMap<String, String>> recorded(JsonNode provenance) {
        return classFiles(read(provenance));
    }

    /**
     * provenance.json's {@value #PROVENANCE} as {@link #toMap} wrote it, in its order; empty where it has none (a run
     * that loaded no class of one's own, as every preset). A field missing is read as empty text ({@code jar_sha256}:
     * null).
     */
    public static List<UserClassProvenance> read(JsonNode provenance) {
        List<UserClassProvenance> out = new ArrayList<>();
        for (JsonNode c : provenance.path(PROVENANCE)) {
            SortedMap<String, String> files = new TreeMap<>();
            c.path("class_files").fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue().asText()));
            JsonNode jar = c.path("jar_sha256");
            out.add(new UserClassProvenance(c.path("class_name").asText(), c.path("source").asText(),
                    jar.isTextual() ? jar.asText() : null, files));
        }
        return out;
    }

    /** The hex digits of a SHA-256 that {@link #shortDigests} shows: 12, as git's short hashes tell files apart. */
    public static final int SHORT_DIGEST = 12;

    /**
     * {@code classFiles} in a line: each class file's binary name and the first {@value #SHORT_DIGEST} hex digits of
     * its SHA-256 ("org.example.MyRule 1a2b3c4d5e6f, org.example.MyRule$Params 0a1b2c3d4e5f"), for {@code somnus
     * inspect}; the full digests are in provenance.json.
     */
    public static String shortDigests(Map<String, String> classFiles) {
        List<String> out = new ArrayList<>();
        classFiles.forEach((name, sha) -> out.add(name + " " + shortDigest(sha)));
        return String.join(", ", out);
    }

    /** The first {@value #SHORT_DIGEST} hex digits of {@code sha256}; a value that is no digest ("unknown …") as is. */
    public static String shortDigest(String sha256) {
        return sha256.matches("[0-9a-f]{64}") ? sha256.substring(0, SHORT_DIGEST) : sha256;
    }

    /**
     * How the class files of {@code now} (by class name, as {@link #recorded}) differ from those of {@code before},
     * for the classes both name, in words ("class org.example.MyRule: org.example.MyRule$Params had SHA-256 …, now
     * …"); empty where they do not. A class only one of them names is no difference: a run that loaded none, or a
     * record from before digests were kept.
     */
    public static Optional<String> changed(Map<String, ? extends Map<String, String>> before,
                                           Map<String, ? extends Map<String, String>> now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ? extends Map<String, String>> b : before.entrySet()) {
            Map<String, String> n = now.get(b.getKey());
            if (n == null || n.equals(b.getValue())) {
                continue;
            }
            List<String> files = new ArrayList<>();
            TreeMap<String, String> all = new TreeMap<>(b.getValue());
            n.forEach(all::putIfAbsent);
            for (String name : all.keySet()) {
                String was = b.getValue().get(name);
                String is = n.get(name);
                if (was == null || !was.equals(is)) {
                    files.add(name + " had " + (was == null ? "no class file" : "SHA-256 " + was) + ", now "
                            + (is == null ? "none" : is));
                }
            }
            out.add("class " + b.getKey() + ": " + String.join("; ", files));
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", out));
    }
}
