package mhlr.core.sample;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.core.output.OutputRules;

/**
 * {@code bin/make-sample-data}: writes synthetic faces in every input format (see {@link SampleDataWriter}) to a
 * directory that appears only when complete.
 */
public final class MakeSampleData {
    static final String COMMAND = "bin/make-sample-data";

    private MakeSampleData() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, arguments -> run(arguments, System.out));
    }

    static CommandLine commandLine() {
        return CommandLine.builder(COMMAND, "Writes synthetic faces (deterministic by seed) in every format ingest"
                        + " reads: folders, recordio, landmarks (training people) and lfw, verification, cfp, ijb"
                        + " (other, evaluation people). See README.txt in the output.")
                .required("--output", "DIR", "the directory to create")
                .optional("--identities", "N", "number of people, at least 4 (default 20)")
                .optional("--images-per-identity", "K", "images of each person, at least 2 (default 6)")
                .optional("--seed", "S", "seed (default: the config key 'seed')")
                .optional("--formats", "LIST", "comma-separated formats to write (default all)")
                .optional("--photo-size", "PIXELS", "side of un-aligned photos and crops (default 150)")
                .optional("--threads", "N", "rendering threads (default: the processors)")
                .flag("--overwrite", "replace an existing output directory")
                .build();
    }

    static void run(String[] args, PrintStream out) throws Exception {
        Arguments arguments = commandLine().parse(args);
        long configuredSeed = Settings.load(Optional.empty(), arguments.overrides()).getLong("seed");
        long seed = arguments.longValue("--seed", configuredSeed);
        if (arguments.integer("--threads", 1) < 1) {
            throw new UsageException("--threads must be at least 1");
        }
        SampleDataWriter.Builder builder = SampleDataWriter.builder()
                .identities(arguments.integer("--identities", 20))
                .imagesPerIdentity(arguments.integer("--images-per-identity", 6))
                .seed(seed)
                .photoSize(arguments.integer("--photo-size", SampleFaces.PHOTO_SIZE))
                .threads(arguments.integer("--threads", Runtime.getRuntime().availableProcessors()));
        arguments.value("--formats").ifPresent(list -> builder.formats(SampleFormat.parse(list)));
        SampleDataWriter writer = builder.build();
        long start = System.nanoTime();
        SampleSummary summary;
        OutputRules<Path> rules = OutputRules.<Path>builder().overwrite(arguments.has("--overwrite"))
                .ownMarker(SampleDataWriter.README).build();
        try (AtomicOutput output = AtomicOutput.begin(arguments.path("--output"), rules)) {
            summary = writer.write(output.staging());
            output.commit();
        }
        int images = summary.images().values().stream().mapToInt(Integer::intValue).sum();
        out.printf("wrote %d images of %d training and %d evaluation people to %s in %.1f s%n", images,
                summary.trainingIdentities(), summary.evaluationIdentities(), arguments.path("--output"),
                (System.nanoTime() - start) / 1e9);
    }
}
