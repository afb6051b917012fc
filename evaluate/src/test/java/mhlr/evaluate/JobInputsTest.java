package mhlr.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import mhlr.core.cli.Arguments;
import mhlr.core.config.Settings;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class JobInputsTest {

    @Test
    void hadoopSettingsTakeSparkHadoopPropertiesWithConfOverSparkConfOverSystemProperties() {
        System.setProperty("spark.hadoop.mhlr.test.from", "system");
        System.setProperty("spark.hadoop.mhlr.test.system-only", "system");
        try {
            Arguments arguments = EvaluateJob.CLI.parse("--data", "d", "--output", "o", "--embeddings", "e.npy",
                    "--conf", "spark.hadoop.mhlr.test.from=conf", "--conf", "spark.sql.shuffle.partitions=7");
            Configuration hadoop = JobInputs.hadoopConfiguration(Settings.load(Optional.empty(),
                    List.of("spark.conf.\"spark.hadoop.mhlr.test.from\"=config",
                            "spark.conf.\"spark.hadoop.mhlr.test.config-only\"=config")), arguments);
            assertEquals("conf", hadoop.get("mhlr.test.from"));
            assertEquals("config", hadoop.get("mhlr.test.config-only"));
            assertEquals("system", hadoop.get("mhlr.test.system-only"));
            assertEquals(null, hadoop.get("sql.shuffle.partitions"));
        } finally {
            System.clearProperty("spark.hadoop.mhlr.test.from");
            System.clearProperty("spark.hadoop.mhlr.test.system-only");
        }
    }
}
