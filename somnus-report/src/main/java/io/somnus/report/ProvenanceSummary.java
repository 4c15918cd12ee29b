package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.JsonFiles;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.run.UserClassProvenance;
import io.somnus.experiment.stats.RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What the runs' provenance.json files say, whatever their exact layout. */
final class ProvenanceSummary {
    final TreeSet<String> start = new TreeSet<>();
    final TreeSet<String> end = new TreeSet<>();
    final Set<String> somnus = new TreeSet<>();
    final Set<String> java = new TreeSet<>();
    final Map<String, String> checksums = new TreeMap<>();
    /** The classes of one's own the runs loaded, each distinct record once, in the order first read. */
    final Set<UserClassProvenance> userClasses = new LinkedHashSet<>();

    static ProvenanceSummary of(List<RunRecord> runs) {
        ProvenanceSummary p = new ProvenanceSummary();
        for (RunRecord r : runs) {
            Path file = RunDirectory.of(r.dir()).provenance();
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                p.add(JsonFiles.readObject(file));
            } catch (IOException e) {
                throw new FileFormatException("run " + r.runId() + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    /** Adds one run's provenance.json. */
    void add(JsonNode provenance) {
        userClasses.addAll(UserClassProvenance.read(provenance));
        walk("", provenance);
        dropBareNamesOfListedFiles();
    }

    private void walk(String path, JsonNode node) {
        if (node.isObject()) {
            String label = null;
            for (String k : List.of("file", "name", "path")) {
                if (node.hasNonNull(k) && node.get(k).isTextual()) {
                    label = node.get(k).asText();
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (path.isEmpty() && key.equals(UserClassProvenance.PROVENANCE)) {
                    continue; // a class's jar_sha256 is no dataset checksum: userClasses holds them
                }
                String child = path.isEmpty() ? key : path + "." + key;
                JsonNode v = e.getValue();
                String lower = key.toLowerCase(Locale.ROOT);
                if (v.isTextual() && isChecksumKey(lower)) {
                    checksums.put(label != null ? label : (isChecksumKey(lower) && !path.isEmpty() ? path : key), v.asText());
                } else if (v.isObject() && isChecksumKey(lower)) {
                    // {"sha256": {"file": "hash", ...}}
                    for (Iterator<Map.Entry<String, JsonNode>> f = v.fields(); f.hasNext(); ) {
                        Map.Entry<String, JsonNode> fe = f.next();
                        if (fe.getValue().isTextual()) {
                            checksums.put(fe.getKey(), fe.getValue().asText());
                        }
                    }
                } else if (v.isValueNode()) {
                    String text = v.asText();
                    if (lower.contains("java")) {
                        java.add(text);
                    } else if (lower.contains("version") && (lower.contains("somnus") || path.isEmpty())) {
                        somnus.add(text);
                    } else if (lower.startsWith("start") || lower.endsWith("start") || lower.contains("started")) {
                        start.add(text);
                    } else if (lower.startsWith("end") || lower.contains("finish") || lower.endsWith("end")) {
                        end.add(text);
                    }
                } else {
                    walk(child, v);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i));
            }
        }
    }

    /**
     * provenance.json names each dataset file twice: by file name ({@code dataset_sha256}) and by path with its
     * verification ({@code dataset_files}); the table keeps the path.
     */
    private void dropBareNamesOfListedFiles() {
        checksums.entrySet().removeIf(e -> !e.getKey().contains("/") && checksums.entrySet().stream().anyMatch(
                o -> o.getKey().endsWith("/" + e.getKey()) && o.getValue().equals(e.getValue())));
    }

    private static boolean isChecksumKey(String lower) {
        return lower.contains("sha256") || lower.contains("sha-256") || lower.contains("checksum");
    }
}
