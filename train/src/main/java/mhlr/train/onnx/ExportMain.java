package mhlr.train.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.core.cli.Arguments;
import mhlr.core.cli.AtomicOutput;
import mhlr.core.cli.CommandLine;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.train.model.InferenceModel;

/**
 * {@code bin/export}: writes a trained {@code model.mhlr} as an ONNX model ({@link OnnxExport}), atomically. An
 * existing output file is refused unless {@code --overwrite} is given.
 */
public final class ExportMain {
    static final String COMMAND = "export";

    private static final CommandLine CLI = CommandLine.builder("bin/" + COMMAND,
                    "Writes a trained model.mhlr as an ONNX model (opset 13, dynamic batch): input 'data' [N, 3, H, W]"
                            + " RGB scaled as (pixel - 127.5) / 127.5, output 'embedding' [N, D] before normalisation.")
            .required("--model", "FILE", "the model.mhlr bin/train wrote")
            .required("--output", "FILE", "the ONNX file to write (e.g. model.onnx)")
            .flag("--overwrite", "replace an existing output file")
            .build();

    private ExportMain() {
    }

    public static void main(String[] args) {
        Launcher.main(COMMAND, args, ExportMain::run);
    }

    /** The command's body: parses {@code args}, loads, exports, writes. */
    static void run(String[] args) {
        Arguments arguments = CLI.parse(args);
        Path model = arguments.path("--model");
        Path output = arguments.path("--output");
        if (Files.exists(output) && !arguments.has("--overwrite")) {
            throw new UsageException(output + " exists; pass --overwrite to replace it");
        }
        if (!Files.isRegularFile(model)) {
            throw new UsageException("--model " + model + " is not a file");
        }
        InferenceModel loaded;
        try {
            loaded = InferenceModel.load(model);
        } catch (IOException e) {
            throw new UsageException("--model: " + e.getMessage(), e);
        }
        AtomicOutput.writeFile(output, OnnxExport.export(loaded).toByteArray());
        System.err.println(COMMAND + ": wrote " + output + " (" + loaded.spec() + ")");
    }
}
