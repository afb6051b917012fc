package mhlr.train;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.config.Settings;

/**
 * {@code bin/train --config FILE --data DIR --output DIR [--init-from FILE] [--resume] [--overwrite]
 * [--set key=value ...]}: trains a backbone on ingested training shards or an insightface RecordIO folder. Exit 0 when
 * the model is written, 2 on a usage, config or data error, 1 on a failure (a diverged loss included); the cause is one
 * line on stderr.
 */
public final class TrainMain {
    static final String COMMAND = "bin/train";
    static final CommandLine CLI = CommandLine.builder(COMMAND,
                    "Trains a face-recognition backbone (margin softmax, SGD, the configured learning-rate schedule) on"
                            + " the Parquet\nshards bin/ingest wrote, or straight from a folder holding insightface's"
                            + " train.rec + train.idx.\nThe output directory holds config.conf, metrics.jsonl,"
                            + " losses.txt and checkpoints/ while training runs, and\nmodel.mhlr, loss.png,"
                            + " learning-rate.png and summary.json (written last) when it is done.")
            .required("--config", "FILE", "preset over conf/base.conf, e.g. conf/ms1mv3_r100.conf")
            .required("--data", "DIR", "training shard directory (bin/ingest output with its manifest), or a folder"
                    + " with train.rec + train.idx")
            .required("--output", "DIR", "where checkpoints, metrics, curves and the model go")
            .optional("--init-from", "FILE", "start from this pretrained backbone: a model.mhlr or an ONNX iResNet"
                    + " (train.init-from)")
            .flag("--resume", "continue the run in --output from its newest complete checkpoint")
            .flag("--overwrite", "start over; the finished new run replaces the old one in --output")
            .build();

    private TrainMain() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, TrainMain::run);
    }

    /** Parses the arguments and trains. */
    static void run(String[] args) {
        Arguments arguments = CLI.parse(args);
        List<String> overrides = new ArrayList<>(arguments.overrides());
        arguments.value("--init-from").ifPresent(file -> overrides.add("train.init-from=" + file));
        Config config = Settings.load(Optional.of(arguments.path("--config")), overrides);
        boolean resume = arguments.has("--resume");
        boolean overwrite = arguments.has("--overwrite");
        OutputDirectory.checkFlags(arguments.path("--output"), resume, overwrite);
        Trainer trainer = Trainer.prepare(config, arguments.required("--data"), System.err, System.console() != null);
        try (OutputDirectory output = OutputDirectory.prepare(arguments.path("--output"), resume, overwrite,
                trainer.inputs())) {
            trainer.run(output);
            output.commit();
        }
    }
}
