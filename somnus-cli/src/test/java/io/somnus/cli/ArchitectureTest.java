package io.somnus.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.network.Network;
import io.somnus.report.ReportBuilder;
import io.somnus.spark.SparkEngineProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependencies point one way: cli → report → experiment (sweep → run → model runners → config) →
 * core, and no two packages depend on each other. The Spark engine (io.somnus.spark) sits beside the CLI: it uses
 * experiment and core, and nothing uses it (the CLI finds it by ServiceLoader). A change that adds a cycle or an upward dependency fails here,
 * naming the classes involved.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    /** Each module's compiled classes (a folder or a jar), not the whole class path: scanning that takes ~20 s. */
    @BeforeAll
    static void importClasses() throws Exception {
        List<Location> modules = new ArrayList<>();
        for (Class<?> c : List.of(SomnusCli.class, SparkEngineProvider.class, ReportBuilder.class,
                StandardRunExecutor.class, Network.class)) {
            modules.add(Location.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(modules);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.somnus.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.somnus..")
                .layer("cli").definedBy("io.somnus.cli..")
                .layer("spark").definedBy("io.somnus.spark..")
                .layer("report").definedBy("io.somnus.report..")
                .layer("experiment").definedBy("io.somnus.experiment..")
                .layer("core").definedBy("io.somnus.core..", "io.somnus.data..", "io.somnus.encoding..",
                        "io.somnus.kernel..", "io.somnus.metrics..", "io.somnus.network..", "io.somnus.neuron..",
                        "io.somnus.plasticity..", "io.somnus.readout..", "io.somnus.sg..", "io.somnus.sleep..",
                        "io.somnus.synapse..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("spark").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("experiment").mayOnlyBeAccessedByLayers("report", "cli", "spark")
                .whereLayer("core").mayOnlyBeAccessedByLayers("experiment", "report", "cli", "spark")
                .check(classes);
    }

    /**
     * Inside the experiment module: the tools (sweep, bench, compare, validation) → run → model runners (stdp, sg) → model →
     * config; stats serves the sweep, and the verdict (which reads stats' run records) serves the sweep too.
     */
    @Test
    void experimentPackagesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.somnus.experiment..")
                .layer("tools").definedBy("io.somnus.experiment.sweep..", "io.somnus.experiment.bench..",
                        "io.somnus.experiment.compare..",
                        "io.somnus.experiment.validation..")
                .layer("verdict").definedBy("io.somnus.experiment.verdict..")
                .layer("stats").definedBy("io.somnus.experiment.stats..")
                .layer("run").definedBy("io.somnus.experiment.run..")
                .layer("runners").definedBy("io.somnus.experiment.stdp..", "io.somnus.experiment.sg..")
                .layer("model").definedBy("io.somnus.experiment.model..")
                .layer("config").definedBy("io.somnus.experiment.config..")
                .whereLayer("tools").mayNotBeAccessedByAnyLayer()
                .whereLayer("verdict").mayOnlyBeAccessedByLayers("tools")
                .whereLayer("stats").mayOnlyBeAccessedByLayers("tools", "verdict")
                .whereLayer("run").mayOnlyBeAccessedByLayers("tools")
                .whereLayer("runners").mayOnlyBeAccessedByLayers("run", "tools")
                .whereLayer("model").mayOnlyBeAccessedByLayers("runners", "run", "tools")
                .whereLayer("config").mayOnlyBeAccessedByLayers("model", "runners", "run", "tools", "verdict")
                .check(classes);
    }
}
