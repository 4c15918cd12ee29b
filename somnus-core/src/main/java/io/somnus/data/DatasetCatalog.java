package io.somnus.data;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasets Somnus knows by name, with their published files and checksums.
 *
 * <p>Checksums: the SHA-256 and sizes of the published gzip files of MNIST, Fashion-MNIST and KMNIST and of
 * the EMNIST archive are those recorded by TensorFlow Datasets ({@code tensorflow_datasets/url_checksums/}
 * {@code mnist.txt}, {@code fashion_mnist.txt}, {@code kmnist.txt}, {@code emnist.txt}). The content
 * (decompressed) SHA-256 of Fashion-MNIST was computed with {@code zcat | sha256sum} from Debian's package
 * {@code dataset-fashion-mnist}, whose gzip files differ from the published ones only in their gzip header
 * (Debian drops the original-file-name field), so they verify by content. No checksum is known for the
 * EMNIST files inside the archive (the archive itself is verified) nor for notMNIST (not downloadable), and none for
 * MNIST's and KMNIST's decompressed content: their publishers give the gzip files' SHA-256 only, and this project's
 * machines reach no dataset host to compute them ({@code zcat F.gz | sha256sum} of the verified files would; the
 * verifier checks any given here). What Somnus downloads, extracts or imports has its content recorded in the folder
 * ({@code ContentRecord}) instead.
 */
public final class DatasetCatalog {
    /** Name of the procedural dataset of line drawings. */
    public static final String GEOMFIG = "geomfig";
    /** The authors' GeomFig: one fixed template per class plus pixel noise ({@link GeomFigAuthors}). */
    public static final String GEOMFIG_AUTHORS = "geomfig-authors";

    private DatasetCatalog() {
    }

    /** All built-in datasets, in display order. */
    public static List<DatasetDescriptor> builtIn() {
        List<DatasetDescriptor> all = new ArrayList<>();
        all.add(mnistLike("mnist", "MNIST handwritten digits (LeCun et al. 1998)", 10,
                new DownloadSource.Mirrors(List.of(
                        URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                        URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"))),
                new long[]{9912422, 28881, 1648877, 4542},
                new String[]{
                        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"},
                null, ""));
        all.add(mnistLike("fashion-mnist", "Fashion-MNIST (Xiao, Rasul & Vollgraf 2017)", 10,
                new DownloadSource.Mirrors(List.of(
                        URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"))),
                new long[]{26421880, 29515, 4422102, 5148},
                new String[]{
                        "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                        "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                        "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                        "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"},
                new String[]{
                        "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                        "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                        "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                        "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"},
                "On Debian: apt install dataset-fashion-mnist."));
        all.add(mnistLike("kmnist", "Kuzushiji-MNIST (Clanuwat et al. 2018)", 10,
                new DownloadSource.Mirrors(List.of(URI.create("http://codh.rois.ac.jp/kmnist/dataset/kmnist/"))),
                new long[]{18165135, 29497, 3041136, 5120},
                new String[]{
                        "51467d22d8cc72929e2a028a0428f2086b092bb31cfb79c69cc0a90ce135fde4",
                        "e38f9ebcd0f3ebcdec7fc8eabdcdaef93bb0df8ea12bee65224341c8183d8e17",
                        "edd7a857845ad6bb1d0ba43fe7e794d164fe2dce499a1694695a792adfac43c5",
                        "20bb9a0ef54c7db3efc55a92eef5582c109615df22683c380526788f98e42a1c"},
                null, "KMNIST's .npz files (kmnist-train-imgs.npz, ...) become these with: somnus datasets import kmnist "
                        + "--from DIR"));
        DownloadSource.ZipArchive emnistZip = new DownloadSource.ZipArchive(List.of(
                URI.create("https://www.itl.nist.gov/iaui/vip/cs_links/EMNIST/gzip.zip"),
                URI.create("https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip")),
                "emnist-gzip.zip", 561753746L,
                "fb9bb67e33772a9cc0b895e4ecf36d2cf35be8b709693c3564cea2a019fcda8e", "gzip/");
        all.add(emnist("balanced", 47, 0, emnistZip));
        all.add(emnist("byclass", 62, 0, emnistZip));
        all.add(emnist("bymerge", 47, 0, emnistZip));
        all.add(emnist("digits", 10, 0, emnistZip));
        all.add(emnist("letters", 26, 1, emnistZip));
        all.add(emnist("mnist", 10, 0, emnistZip));
        all.add(mnistLike("notmnist", "notMNIST letters A-J (Bulatov 2011), as IDX files", 10, null,
                new long[]{-1, -1, -1, -1}, new String[4], null,
                "notMNIST is not published as IDX files; make them from notMNIST_small or notMNIST_large (the "
                        + "folder holding A ... J) with: somnus datasets import notmnist --from DIR"));
        all.add(new DatasetDescriptor(GEOMFIG, "GeomFig: procedural noisy line drawings (triangle, circle, square, x)",
                DatasetDescriptor.Kind.PROCEDURAL, GeomFig.NUM_CLASSES, GeomFig.DEFAULT_SIZE, GeomFig.DEFAULT_SIZE,
                0, false, null, null, null, "Generated on demand from a seed; needs no files."));
        all.add(new DatasetDescriptor(GEOMFIG_AUTHORS, "GeomFig as the authors generate it: one fixed template per class "
                + "(triangle, circle, square, x) plus Gaussian pixel noise", DatasetDescriptor.Kind.PROCEDURAL,
                GeomFig.NUM_CLASSES, GeomFig.DEFAULT_SIZE, GeomFig.DEFAULT_SIZE, 0, false, null, null, null,
                "Generated on demand from a seed; needs no files."));
        return List.copyOf(all);
    }

    /** Sizes and checksums are in the order train images, train labels, test images, test labels. */
    private static DatasetDescriptor mnistLike(String name, String title, int classes, DownloadSource download,
                                               long[] sizes, String[] sha, String[] contentSha, String note) {
        String[] content = contentSha == null ? new String[4] : contentSha;
        SplitFiles train = new SplitFiles(
                new DatasetFile("train-images-idx3-ubyte", sizes[0], sha[0], content[0], List.of("train-images.idx3-ubyte")),
                new DatasetFile("train-labels-idx1-ubyte", sizes[1], sha[1], content[1], List.of("train-labels.idx1-ubyte")));
        SplitFiles test = new SplitFiles(
                new DatasetFile("t10k-images-idx3-ubyte", sizes[2], sha[2], content[2], List.of("t10k-images.idx3-ubyte")),
                new DatasetFile("t10k-labels-idx1-ubyte", sizes[3], sha[3], content[3], List.of("t10k-labels.idx1-ubyte")));
        return new DatasetDescriptor(name, title, DatasetDescriptor.Kind.IDX, classes, 28, 28, 0, false,
                train, test, download, note);
    }

    /**
     * EMNIST (Cohen, Afshar, Tapson & van Schaik 2017): images stored transposed relative to MNIST; letters
     * labelled 1..26.
     */
    private static DatasetDescriptor emnist(String split, int classes, int labelOffset, DownloadSource.ZipArchive zip) {
        String p = "emnist-" + split + "-";
        SplitFiles train = new SplitFiles(
                new DatasetFile(p + "train-images-idx3-ubyte", -1, null, null, List.of("train-images-idx3-ubyte")),
                new DatasetFile(p + "train-labels-idx1-ubyte", -1, null, null, List.of("train-labels-idx1-ubyte")));
        SplitFiles test = new SplitFiles(
                new DatasetFile(p + "test-images-idx3-ubyte", -1, null, null, List.of("t10k-images-idx3-ubyte")),
                new DatasetFile(p + "test-labels-idx1-ubyte", -1, null, null, List.of("t10k-labels-idx1-ubyte")));
        return new DatasetDescriptor("emnist-" + split, "EMNIST " + split + " (Cohen et al. 2017)",
                DatasetDescriptor.Kind.IDX, classes, 28, 28, labelOffset, true, train, test, zip,
                "The files are in the 'gzip' folder of the EMNIST archive gzip.zip.");
    }
}
