package io.somnus.cli;

import io.somnus.data.DatasetRegistry;
import io.somnus.data.DatasetStatus;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code somnus datasets}: every dataset, where it was found (or why not), checksums verified. */
@Command(name = "datasets", mixinStandardHelpOptions = true,
        header = "Lists every dataset, where it was found, and verifies checksums.",
        description = "One line per dataset: available or not, and where it was found or why not; below it each file "
                + "with its SHA-256 against the published checksum (train refuses a mismatch unless --allow-unverified-data).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every file found matches its published checksum (or has none to compare with)",
                "1:some file does not match its published checksum", "2:bad option (e.g. --data-dir does not exist)"})
final class DatasetsCommand implements Callable<Integer> {
    @Option(names = "--data-dir", description = "also look in this directory first")
    Path dataDir;
    @Option(names = "--no-verify", description = "skip SHA-256 verification")
    boolean noVerify;

    @Override
    public Integer call() {
        java.util.List<String> mismatches = new java.util.ArrayList<>();
        for (DatasetStatus s : new DatasetRegistry().status(dataDir, !noVerify)) {
            System.out.printf("%-16s %-13s %s%n", s.name(), s.availability().name().toLowerCase(), s.detail());
            for (DatasetStatus.FileStatus f : s.files()) {
                System.out.printf("    %-5s %s  %s%s%n", f.split().name().toLowerCase(), f.file(),
                        f.verification().name().toLowerCase().replace('_', ' '),
                        f.detail() == null || f.detail().isEmpty() ? "" : " (" + f.detail() + ")");
                if (f.verification() == DatasetStatus.Verification.MISMATCH) {
                    mismatches.add(s.name() + ": " + f.file());
                }
            }
        }
        if (!mismatches.isEmpty()) {
            System.err.println("somnus datasets: " + mismatches.size() + " file(s) do not match the published checksums: "
                    + String.join("; ", mismatches) + " (train refuses them unless --allow-unverified-data)");
            return 1;
        }
        return 0;
    }
}
