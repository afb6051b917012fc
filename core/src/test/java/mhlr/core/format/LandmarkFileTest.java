package mhlr.core.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mhlr.core.skip.BadRecordException;
import mhlr.core.skip.SkipReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandmarkFileTest {
    @TempDir
    Path directory;

    @Test
    void readsTabSeparatedLinesWithoutScore() throws IOException {
        LandmarkFile file = LandmarkFile.read(SharedData.require("lfw_meta/lfw_landmark.txt"));
        assertEquals(13233, file.byName().size(), "13,233 lines, the last without a newline");
        assertTrue(file.problems().isEmpty());
        FaceLandmarks first = file.get("Aaron_Eckhart/Aaron_Eckhart_0001.jpg").orElseThrow();
        assertArrayEquals(new float[] {107, 107, 147, 111, 124, 143, 103, 157, 139, 161}, first.points());
        assertFalse(first.hasScore());
    }

    @Test
    void collectsBadLinesWithFileAndLineAndKeepsTheRest() throws IOException {
        Path path = directory.resolve("landmarks.txt");
        Files.writeString(path, String.join("\n",
                "a.jpg 1 2 3 4 5 6 7 8 9 10 0.99",
                "",
                "b.jpg 1 2 3 4 5 6 7 8 9",
                "c.jpg 1 2 3 4 5 six 7 8 9 10",
                "a.jpg 1 2 3 4 5 6 7 8 9 10",
                "d.jpg\t1.5\t2\t3\t4\t5\t6\t7\t8\t9\t10\tNaN",
                "e.jpg 1 2 3 4 5 6 7 8 9 10"));
        LandmarkFile file = LandmarkFile.read(path);
        assertEquals(2, file.byName().size());
        assertEquals(0.99f, file.get("a.jpg").orElseThrow().score());
        assertFalse(file.get("e.jpg").orElseThrow().hasScore());
        assertEquals(4, file.problems().size());
        for (BadRecordException problem : file.problems()) {
            assertEquals(SkipReason.BAD_LANDMARK_LINE, problem.reason());
        }
        assertTrue(file.problems().get(0).detail().startsWith(path + ":3: expected an image name, 10 coordinates"),
                file.problems().get(0).detail());
        assertEquals(path + ":4: c.jpg: 'six' is not a number", file.problems().get(1).detail());
        assertEquals(path + ":5: a.jpg already has landmarks on line 1", file.problems().get(2).detail());
        assertEquals(path + ":6: d.jpg: 'NaN' is not a finite number", file.problems().get(3).detail());
    }

    @Test
    void writesWhatItReads() throws IOException {
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        landmarks.put("x/1.jpg", new FaceLandmarks(new float[] {1.25f, 2, 3, 4, 5, 6, 7, 8, 9, 10.5f}, 0.875f));
        landmarks.put("x/2.jpg", new FaceLandmarks(new float[] {11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 1f));
        Path path = directory.resolve("out.txt");
        LandmarkFile.write(path, landmarks, true, ' ');
        assertEquals("x/1.jpg 1.25 2 3 4 5 6 7 8 9 10.5 0.875", Files.readAllLines(path).get(0));
        LandmarkFile read = LandmarkFile.read(path);
        assertArrayEquals(landmarks.get("x/1.jpg").points(), read.get("x/1.jpg").orElseThrow().points());
        assertEquals(1f, read.get("x/2.jpg").orElseThrow().score());
    }
}
