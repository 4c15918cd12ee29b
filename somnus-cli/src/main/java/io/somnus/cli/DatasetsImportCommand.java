package io.somnus.cli;

import io.somnus.data.DatasetImport;
import io.somnus.data.DatasetLocations;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code somnus datasets import notmnist|kmnist --from DIR}: makes IDX files from the form a dataset is distributed in
 * (notMNIST's PNG folders, KMNIST's .npz files) where Somnus looks for them, recorded as Somnus-made (verified).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        // within one line of 'somnus datasets --help' beside "  import  ": a longer one broke ".npz" after its dot
        header = "Makes IDX files from notMNIST's PNG folders or KMNIST's .npz files.",
        description = {"notmnist: --from the folder of notMNIST_small or notMNIST_large that holds the letter folders "
                + "A ... J of 28x28 grayscale PNG images (labels 0-9 = A-J). Files that cannot be read or decoded are "
                + "skipped, named and counted (a letter with none left stops the import). Each letter's files are split by a seeded shuffle: round(n x --test-fraction) to the "
                + "test split (default 1/7, MNIST's 10\u00a0000 of 70\u00a0000), the rest to train; each split is shuffled.",
                "kmnist: --from the folder of kmnist-{train,test}-{imgs,labels}.npz, the four files as published "
                        + "(uint8 arr_0).",
                "Writes the four gzip-compressed IDX files and import-manifest.txt, with their checksums "
                        + "(SHA256SUMS.imported, SHA256SUMS.content), into a new "
                        + "folder (the cache's, or DIR/<name> with --data-dir DIR), whole or not at all; training "
                        + "then finds them and counts them as verified, Somnus-made files, gunzipped or not.",
                "Check them by hand in that folder: " + DatasetImport.CHECK + " (their content's digests, named "
                        + "without .gz)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:imported", "2:bad input (not that layout, an image of another size, a letter with no readable "
                + "image, an output folder that exists); nothing was written"})
final class DatasetsImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "notmnist or kmnist")
    String name;
    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the folder of the files to import")
    Path from;
    @Option(names = "--data-dir", paramLabel = "DIR", description = "write into DIR/<name>, where train --data-dir DIR "
            + "reads it, instead of the cache (somnus datasets says where it is)")
    Path dataDir;
    @Option(names = "--seed", paramLabel = "SEED", description = "notmnist: seed of the train/test split (default: 1)")
    Long seed;
    @Option(names = "--test-fraction", paramLabel = "F", description = "notmnist: share of each letter's images in the "
            + "test split (default: 1/7)")
    Double testFraction;

    @Override
    public Integer call() {
        boolean notMnist = name.equals("notmnist");
        if (!notMnist && !name.equals("kmnist")) {
            throw new CliException("datasets import " + name + ": import makes notmnist (from its PNG folders) or "
                    + "kmnist (from its .npz files); the other datasets are published as IDX files (somnus datasets "
                    + "--fetch NAME)");
        }
        if (!notMnist && (testFraction != null || seed != null)) {
            throw new CliException((seed != null ? "--seed" : "--test-fraction") + " is for notmnist; KMNIST's .npz "
                    + "files come split");
        }
        Path out = dataDir != null ? dataDir.resolve(name) : DatasetLocations.fromEnvironment().cacheDir(name);
        // notMNIST_large's 530 000 PNGs take a minute or two: say what is going on before the silence
        StderrNote.say("somnus: importing " + name + " from " + from + " into " + out + " ...");
        DatasetImport.Result r = notMnist
                ? DatasetImport.notMnist(from, out, seed == null ? 1 : seed, testFraction == null ? DatasetImport.DEFAULT_TEST_FRACTION
                        : testFraction)
                : DatasetImport.kmnistNpz(from, out);
        System.out.println(name + ": " + r.trainImages() + " train and " + r.testImages() + " test images written to "
                + r.dir() + " (source listing SHA-256 " + r.sourceSha256() + "; " + DatasetImport.MANIFEST + ")");
        r.files().forEach((file, sha) -> System.out.println("    " + sha + "  " + file));
        System.out.println("Check them in " + r.dir() + ": " + DatasetImport.CHECK);
        if (!r.skipped().isEmpty()) {
            System.out.println(name + ": skipped " + r.skipped().size() + " file(s) that could not be read:");
            r.skipped().forEach(s -> System.out.println("    " + s));
        }
        System.out.println("Use it with: somnus train --dataset " + name
                + (dataDir != null ? " --data-dir " + dataDir : "") + " ...");
        return 0;
    }
}
