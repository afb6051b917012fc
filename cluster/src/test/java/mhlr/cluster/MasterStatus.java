package mhlr.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a standalone master reports on its web UI's {@code /json/} endpoint: the workers it knows with their state,
 * and the applications running on it.
 */
record MasterStatus(List<WorkerState> workers, List<String> activeApplications) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One worker as the master sees it. */
    record WorkerState(String id, String host, int port, String state, int cores) {
        boolean alive() {
            return "ALIVE".equals(state);
        }
    }

    /** Workers in state ALIVE. */
    long aliveWorkers() {
        return workers.stream().filter(WorkerState::alive).count();
    }

    /**
     * Reads the master's status from its web UI; an answer that is not the JSON document (a master still starting
     * serves its HTML page there) is an {@link IOException}, as an unreachable master is, so callers polling for the
     * cluster to come up try again.
     */
    static MasterStatus fetch(int webUiPort) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("master web UI answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (UncheckedIOException notJson) {
            throw new IOException(notJson.getMessage(), notJson.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the master for its status", e);
        }
    }

    /** Parses the {@code /json/} document. */
    static MasterStatus parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<WorkerState> workers = new ArrayList<>();
            for (JsonNode worker : root.path("workers")) {
                workers.add(new WorkerState(worker.path("id").asText(), worker.path("host").asText(),
                        worker.path("port").asInt(), worker.path("state").asText(), worker.path("cores").asInt()));
            }
            List<String> applications = new ArrayList<>();
            for (JsonNode application : root.path("activeapps")) {
                applications.add(application.path("id").asText());
            }
            return new MasterStatus(List.copyOf(workers), List.copyOf(applications));
        } catch (IOException e) {
            throw new UncheckedIOException("the master's /json/ is not JSON: " + json, e);
        }
    }
}
