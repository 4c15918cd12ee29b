package io.somnus.cli;

import io.somnus.data.DatasetRegistry;
import io.somnus.data.DatasetStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code somnus datasets}: every dataset, where it was found (or why not), checksums verified. */
@Command(name = "datasets", mixinStandardHelpOptions = true, subcommands = DatasetsImportCommand.class,
        header = "Lists every dataset, where it was found, and verifies checksums.",
        description = "One line per dataset: available or not, and where it was found or why not; below it each file "
                + "with its SHA-256 against the published checksum (train refuses a mismatch unless --allow-unverified-data). "
                + "With --fetch, first downloads the datasets named that are not found. 'somnus datasets import' makes "
                + "notMNIST's and KMNIST's IDX files from their PNG folders and .npz files.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every file found matches its published checksum (or has none to compare with)",
                "1:some file does not match its published checksum",
                "2:bad option (e.g. --data-dir does not exist), or a dataset of --fetch that cannot be fetched"})
final class DatasetsCommand implements Callable<Integer> {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "also look in this directory first")
    Path dataDir;
    @Option(names = "--no-verify", description = "skip SHA-256 verification")
    boolean noVerify;
    @Option(names = "--fetch", split = ",", paramLabel = "NAME", completionCandidates = Candidates.Datasets.class,
            description = "first make these datasets available: download what is not found and verify it, into "
                    + "the cache ($SOMNUS_DATA_HOME, else ~/.cache/somnus/datasets), say before going offline or "
                    + "onto a cluster")
    List<String> fetch = List.of();

    @Override
    public Integer call() {
        DatasetRegistry registry = new DatasetRegistry();
        if (!fetch.isEmpty()) {
            if (dataDir != null) {
                throw new CliException("--fetch downloads into the cache; to fetch into " + dataDir + ", set "
                        + "SOMNUS_DATA_HOME=" + dataDir + " instead of --data-dir");
            }
            if (noVerify) {
                throw new CliException("--fetch always verifies what it fetches (and what it finds); leave out --no-verify");
            }
            for (String name : fetch) {
                registry.descriptor(name); // every name known before anything is downloaded
            }
            for (String name : fetch) {
                int files = registry.fetch(name).size();
                System.out.println(name + ": " + (files == 0 ? "generated from the seed, nothing to fetch"
                        : "ready, " + files + " files verified"));
            }
        }
        List<String> mismatches = new ArrayList<>();
        List<DatasetStatus> statuses = registry.status(dataDir, !noVerify);
        // a --data-dir that holds one dataset's files under the common IDX names is where every dataset looks first:
        // the files that verify as one dataset's are not the others' (mismatched or unknown) copies
        Map<Path, String> verifiedAs = new HashMap<>();
        for (DatasetStatus s : statuses) {
            for (DatasetStatus.FileStatus f : s.files()) {
                if (f.verification() == DatasetStatus.Verification.VERIFIED) {
                    verifiedAs.putIfAbsent(f.file().toAbsolutePath().normalize(), s.name());
                }
            }
        }
        for (DatasetStatus s : statuses) {
            String owner = s.files().isEmpty() ? null : verifiedAs.get(s.files().get(0).file().toAbsolutePath()
                    .normalize());
            if (owner != null && !owner.equals(s.name())) {
                System.out.printf("%-16s %-13s the files found (%s) are %s's%n", s.name(), "not found",
                        s.files().get(0).file().getParent(), owner);
                continue;
            }
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
        List<String> ambiguous = statuses.stream().filter(s -> s.availability() == DatasetStatus.Availability.AMBIGUOUS)
                .map(DatasetStatus::name).toList();
        if (!ambiguous.isEmpty()) {
            StderrNote.say("somnus datasets: " + String.join(", ", ambiguous) + ": a folder holds two files whose "
                    + "names differ only in case (listed above); remove or rename all but one");
            return 2;
        }
        if (!mismatches.isEmpty()) {
            StderrNote.say("somnus datasets: " + mismatches.size() + " file(s) do not match the published checksums: "
                    + String.join("; ", mismatches) + " (train refuses them unless --allow-unverified-data)");
            return 1;
        }
        return 0;
    }
}
