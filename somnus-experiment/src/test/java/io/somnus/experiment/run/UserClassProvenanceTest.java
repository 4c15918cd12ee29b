package io.somnus.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.stdp.rules.PostSpikeStep;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** Where a class of one's own came from and its bytes' SHA-256, checked against the files themselves. */
class UserClassProvenanceTest {
    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * A class from a classes directory: the directory, no jar digest, and the SHA-256 of the class file of the class
     * and of each nested one (its parameter record), each the file's on disk.
     */
    @Test
    void aClassFromADirectoryRecordsItAndTheDigestsOfItsNestsClassFiles() throws Exception {
        Path classes = Path.of(PostSpikeStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve("io/somnus/experiment/stdp/rules");
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("PostSpikeStep")).toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                expected.put("io.somnus.experiment.stdp.rules." + simple, sha256(Files.readAllBytes(f)));
            }
        }
        assertEquals(2, expected.size(), "PostSpikeStep and PostSpikeStep$Params: " + expected);
        UserClassProvenance p = UserClassProvenance.of(PostSpikeStep.class);
        assertEquals(PostSpikeStep.class.getName(), p.className());
        assertEquals(classes.toAbsolutePath().normalize().toString(), p.source());
        assertNull(p.jarSha256(), "a directory is no jar");
        assertEquals(expected, p.classFiles());
        assertEquals(p.classFiles(), UserClassProvenance.of(PostSpikeStep.Params.class).classFiles(),
                "a nested class's nest is its outer class's");
        Map<String, Object> written = p.toMap();
        assertEquals(List.of("class_name", "source", "class_files"), List.copyOf(written.keySet()));
        // provenance.json as written reads back to the same class files
        String json = Mappers.JSON.writeValueAsString(Map.of(UserClassProvenance.PROVENANCE, List.of(written)));
        assertEquals(Map.of(PostSpikeStep.class.getName(), expected),
                UserClassProvenance.recorded(Mappers.JSON.readTree(json)));
    }

    /** A class from a jar: the jar's path and SHA-256, and the class file's SHA-256 as the jar's entry holds it. */
    @Test
    void aClassFromAJarRecordsTheJarAndItsDigest() throws Exception {
        Path jar = Path.of(ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(jar), jar.toString());
        UserClassProvenance p = UserClassProvenance.of(ObjectMapper.class);
        assertEquals(jar.toAbsolutePath().normalize().toString(), p.source());
        assertEquals(sha256(Files.readAllBytes(jar)), p.jarSha256());
        try (ZipFile z = new ZipFile(jar.toFile());
             InputStream in = z.getInputStream(z.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class"))) {
            assertEquals(sha256(in.readAllBytes()), p.classFiles().get(ObjectMapper.class.getName()));
        }
    }

    /** A difference names the class, the class file and both digests; classes only one side names are none. */
    @Test
    void aChangedClassFileIsNamedWithBothDigests() {
        Map<String, Map<String, String>> before = Map.of("a.R", Map.of("a.R", "11", "a.R$P", "22"), "a.Gone", Map.of());
        assertEquals(Optional.empty(), UserClassProvenance.changed(before, Map.of("a.R", Map.of("a.R", "11",
                "a.R$P", "22"), "a.New", Map.of("a.New", "33"))));
        assertEquals(Optional.of("class a.R: a.R$P had SHA-256 22, now 23; a.R$Q had no class file, now 44"),
                UserClassProvenance.changed(before, Map.of("a.R", Map.of("a.R", "11", "a.R$P", "23", "a.R$Q", "44"))));
        assertEquals(Optional.of("class a.R: a.R$P had SHA-256 22, now none"),
                UserClassProvenance.changed(before, Map.of("a.R", Map.of("a.R", "11"))));
    }
}
