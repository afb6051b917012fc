package mhlr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mhlr.core.cli.Launcher;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.TrainingModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code train.init-from} (and {@code --init-from}) as the trainer prepares a run: the backbone comes from the file. */
class TrainerInitFromTest {

    @TempDir
    static Path directory;
    static Path data;

    @BeforeAll
    static void writeData() {
        data = directory.resolve("train");
        TrainingFixture.writeTraining(data);
    }

    @Test
    void theRunStartsWithTheBackboneOfTheFileAndFreshClassCentres() throws Exception {
        BackboneSpec spec = BackboneSpec.builder("tiny").inputSize(28).embeddingSize(64).build();
        TrainingModel source = TrainingModel.builder(spec, 3).seed(99).build();
        Path model = directory.resolve("pretrained.mhlr");
        source.exportInferenceModel(model);
        List<String> sets = new ArrayList<>(TrainingFixture.overrides(1, null));
        sets.add("train.init-from=" + model);
        Trainer trainer = Trainer.prepare(Settings.load(Optional.empty(), sets), data.toString(),
                new PrintStream(new ByteArrayOutputStream()), false);
        Map<String, INDArray> expected = source.parameters();
        Map<String, INDArray> actual = trainer.model().parameters();
        for (Map.Entry<String, INDArray> entry : expected.entrySet()) {
            if (!entry.getKey().equals(TrainingModel.CLASS_CENTRES)) {
                assertEquals(entry.getValue(), actual.get(entry.getKey()), entry.getKey());
            }
        }
        assertEquals(TrainingFixture.IDENTITIES, actual.get(TrainingModel.CLASS_CENTRES).rows());
    }

    @Test
    void aMissingFileOrOneOfAnotherArchitectureExitsTwoBeforeAnyOutputNamingIt() throws Exception {
        Path output = directory.resolve("refused");
        Path missing = directory.resolve("missing.onnx");
        String error = refuse(missing, output);
        assertTrue(error.contains(missing + " is not a file"), error);
        Path other = directory.resolve("mobilefacenet.mhlr");
        TrainingModel.builder(BackboneSpec.builder("mobilefacenet").inputSize(28).embeddingSize(64).build(), 2).build()
                .exportInferenceModel(other);
        error = refuse(other, output);
        assertTrue(error.contains(other + " does not fit tiny") && error.contains("ONNX tensor"), error);
        assertTrue(Files.notExists(output));
        UsageException usage = assertThrows(UsageException.class, () -> Trainer.prepare(config(missing),
                data.toString(), new PrintStream(new ByteArrayOutputStream()), false));
        assertTrue(usage.getMessage().startsWith("train.init-from"), usage.getMessage());
    }

    private static Config config(Path initFrom) {
        List<String> sets = new ArrayList<>(TrainingFixture.overrides(1, null));
        sets.add("train.init-from=" + initFrom);
        return Settings.load(Optional.empty(), sets);
    }

    private static String refuse(Path initFrom, Path output) throws Exception {
        Path preset = directory.resolve("run.conf");
        Files.writeString(preset, "train { dropout = 0.0 }\n");
        List<String> args = new ArrayList<>(List.of("--config", preset.toString(), "--data", data.toString(),
                "--output", output.toString(), "--init-from", initFrom.toString()));
        for (String set : TrainingFixture.overrides(1, null)) {
            args.add("--set");
            args.add(set);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.run(TrainMain.COMMAND, args.toArray(String[]::new), TrainMain::run,
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        return text;
    }
}
