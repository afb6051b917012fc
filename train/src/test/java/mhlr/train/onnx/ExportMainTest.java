package mhlr.train.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mhlr.core.cli.Launcher;
import mhlr.train.model.BackboneSpec;
import onnx.Onnx.ModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportMainTest {

    @TempDir
    Path directory;

    @Test
    void writesTheOnnxFileOfAModelAndRefusesToReplaceItWithoutOverwrite() throws Exception {
        Path model = directory.resolve("model.mhlr");
        RandomModels.training(BackboneSpec.builder("tiny").inputSize(16).embeddingSize(8).build(), 1)
                .exportInferenceModel(model);
        Path output = directory.resolve("model.onnx");
        assertEquals(0, run("--model", model.toString(), "--output", output.toString()).code);
        ModelProto written = OnnxFile.read(output);
        assertEquals(OnnxExport.OPSET, written.getOpsetImport(0).getVersion());
        Result again = run("--model", model.toString(), "--output", output.toString());
        assertEquals(2, again.code);
        assertTrue(again.err.contains(output + " exists"), again.err);
        assertEquals(0, run("--model", model.toString(), "--output", output.toString(), "--overwrite").code);
    }

    @Test
    void aFileThatIsNotAModelExitsTwoNamingIt() throws Exception {
        Path notModel = directory.resolve("notes.mhlr");
        Files.writeString(notModel, "hello");
        Path output = directory.resolve("model.onnx");
        Result result = run("--model", notModel.toString(), "--output", output.toString());
        assertEquals(2, result.code);
        assertTrue(result.err.contains(notModel.toString()) && result.err.contains("not an MHLR-Face model file"),
                result.err);
        assertTrue(Files.notExists(output));
    }

    private record Result(int code, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.run(ExportMain.COMMAND, args, ExportMain::run,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }
}
