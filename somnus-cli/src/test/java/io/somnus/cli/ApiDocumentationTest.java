package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every public and protected declaration of the library's API has a Javadoc comment (README, "Library use"). The API
 * is what a library user meets: all of somnus-core (the simulator, which alone builds and trains a network) and the
 * packages of somnus-experiment that the README's examples and their types lead to (configurations and presets, the
 * network factory and the run executor, its progress and result, the network's files). Internal, and not checked:
 * the rest of somnus-experiment (the study's sweep, statistics and verdict, the validations and benchmarks), the
 * report, the Spark engine, the CLI and the JMH benchmarks, whose public declarations need a comment too but their
 * packages no package-info.java. A new somnus-experiment package fails here until it is placed on one side.
 */
class ApiDocumentationTest {
    /** somnus-experiment's packages that a library user meets. */
    private static final Set<String> EXPERIMENT_API = Set.of("compare", "config", "io", "model", "run", "sg", "stdp");
    /** somnus-experiment's packages that only the CLI's commands and the study use. */
    private static final Set<String> EXPERIMENT_INTERNAL = Set.of("bench", "sweep", "stats", "validation", "verdict");

    /** The repository's root: the parent of this module's directory, where Maven runs the tests. */
    private static Path root() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().getParent();
    }

    private static List<Path> packagesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static List<Path> apiPackages() throws IOException {
        List<Path> api = new ArrayList<>();
        Path core = root().resolve("somnus-core/src/main/java/io/somnus");
        api.addAll(packagesUnder(core).stream().filter(p -> !p.getFileName().toString().equals("experiment")).toList());
        for (Path p : packagesUnder(root().resolve("somnus-experiment/src/main/java/io/somnus/experiment"))) {
            if (EXPERIMENT_API.contains(p.getFileName().toString())) {
                api.add(p);
            }
        }
        return api;
    }

    @Test
    void everyExperimentPackageIsEitherApiOrInternal() throws IOException {
        Set<String> unplaced = new TreeSet<>();
        for (Path p : packagesUnder(root().resolve("somnus-experiment/src/main/java/io/somnus/experiment"))) {
            String name = p.getFileName().toString();
            if (!EXPERIMENT_API.contains(name) && !EXPERIMENT_INTERNAL.contains(name)) {
                unplaced.add(name);
            }
        }
        assertEquals(Set.of(), unplaced, "io.somnus.experiment packages in neither EXPERIMENT_API nor "
                + "EXPERIMENT_INTERNAL: is each one the library's API (then documented) or the tools'?");
    }

    @Test
    void everyPublicDeclarationOfTheApiHasAComment() throws IOException {
        List<Path> packages = apiPackages();
        assertTrue(packages.size() >= 12 + EXPERIMENT_API.size(), "API packages found under " + root() + ": " + packages);
        List<Path> files = new ArrayList<>();
        for (Path p : packages) {
            assertTrue(Files.exists(p.resolve("package-info.java")), p + " has no package-info.java");
            try (Stream<Path> s = Files.list(p)) {
                files.addAll(s.filter(f -> f.toString().endsWith(".java")).sorted().toList());
            }
        }
        List<String> undocumented = UndocumentedDeclarations.in(files);
        assertTrue(undocumented.isEmpty(), () -> undocumented.size() + " public or protected declarations of the "
                + "library's API without a Javadoc comment (say what it is, its units, what it returns or refuses):\n"
                + String.join("\n", undocumented));
    }

    /**
     * Outside the API, too, every public declaration has a comment (a user of the study's tools meets sweep,
     * statistics and verdict types in their IDE and in javadoc:aggregate's pages), so that none loses its comment
     * unnoticed. Unlike the API packages, a package here needs no package-info.java.
     */
    @Test
    void everyPublicDeclarationOfEveryModuleHasAComment() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root())) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> s = Files.walk(main)) {
                    files.addAll(s.filter(f -> f.toString().endsWith(".java")).sorted().toList());
                }
            }
        }
        assertTrue(files.size() > 300, "main sources found under " + root() + ": " + files.size());
        List<String> undocumented = UndocumentedDeclarations.in(files);
        assertTrue(undocumented.isEmpty(), () -> undocumented.size() + " public or protected declarations without a "
                + "Javadoc comment (say what it is, its units, what it returns or refuses):\n"
                + String.join("\n", undocumented));
    }

    // The check itself, on sources in memory: each kind of undocumented declaration is found, and nothing else.

    private static JavaFileObject source(String name, String code) {
        return new SimpleJavaFileObject(URI.create("string:///p/" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    @Test
    void findsEachKindOfUndocumentedDeclaration() throws IOException {
        String code = """
                package p;
                public class A {
                    public A() { }
                    protected int count;
                    public void run() { Runnable r = new Runnable() { public void run() { } }; }
                    public enum Kind { ONE }
                    public interface Listener { void heard(); }
                    /** A point. */
                    public record Point(double xMm, double yMm) { }
                }
                """;
        assertEquals(List.of("p/A.java:2: class A", "p/A.java:3: constructor A", "p/A.java:4: field count",
                        "p/A.java:5: method run", "p/A.java:6: enum Kind", "p/A.java:6: enum constant ONE",
                        "p/A.java:7: interface Listener", "p/A.java:7: method heard",
                        "p/A.java:9: record component Point.xMm (no @param)",
                        "p/A.java:9: record component Point.yMm (no @param)"),
                UndocumentedDeclarations.in(List.of(source("A", code))));
        assertEquals(List.of("p/package-info.java:1: package p"),
                UndocumentedDeclarations.in(List.of(source("package-info", "package p;\n"))));
    }

    @Test
    void leavesDocumentedHiddenAndOverridingDeclarationsAlone() throws IOException {
        String code = """
                /** The package. */
                package p;
                """;
        String type = """
                package p;
                /** A rule. */
                public class B implements Runnable {
                    /** Makes one. */
                    public B() { }
                    @Override
                    public void run() { }
                    @Override
                    public String toString() { return ""; }
                    void packagePrivate() { }
                    private int hidden;
                    static class Inner { public void notVisible() { } }
                    /**
                     * A point.
                     * @param xMm across, in mm
                     * @param yMm down, in mm
                     */
                    public record Point(double xMm, double yMm) {
                        public static final double ORIGIN_MM = 0;
                    }
                    private interface Hidden { void notVisible(); }
                }
                class C { public void notVisible() { } }
                """;
        List<String> found = UndocumentedDeclarations.in(List.of(source("package-info", code), source("B", type)));
        assertEquals(List.of("p/B.java:19: field ORIGIN_MM"), found);
        assertFalse(found.toString().contains("notVisible"));
    }
}
