package mhlr.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a standalone master's {@code /json/} status (a document captured from Spark 4.2.0's master). */
class MasterStatusTest {

    @Test
    void workersAreCountedAliveOnlyInStateAliveAndOnlyActiveApplicationsAreListed() throws IOException {
        MasterStatus status = MasterStatus.parse(resource("/mhlr/cluster/master-status.json"));

        assertEquals(2, status.workers().size());
        assertEquals(1, status.aliveWorkers());
        assertEquals(new MasterStatus.WorkerState("worker-20261128060548-127.0.0.1-42439", "127.0.0.1", 42439,
                "ALIVE", 1), status.workers().get(0));
        assertEquals(List.of("app-20261128061558-0002"), status.activeApplications());
    }

    @Test
    void aStatusPageThatIsNotJsonIsRefusedWithItsText() {
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> MasterStatus.parse("<html>Spark Master at spark://127.0.0.1:7077</html>"));
        assertEquals(true, error.getMessage().contains("<html>Spark Master"), error.getMessage());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MasterStatusTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
