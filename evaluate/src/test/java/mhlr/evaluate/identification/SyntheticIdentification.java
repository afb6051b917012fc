package mhlr.evaluate.identification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;
import mhlr.core.format.IjbTemplateSubjects;
import mhlr.evaluate.NpyFiles;

/**
 * A small IJB-format set with 1:N files, written as insightface's meta files plus a {@code [N, 2D]} feature
 * {@code .npy}: one gallery template per subject (G1 for even subjects, G2 for odd), one or two probe templates
 * per subject, one to three images per template in one or two media, features scattered around a centre per
 * subject. Subjects 0 and 1 have ties built in: their gallery templates and first probes hold one image each with
 * the same feature {@code (1, 1, -1, 1, 0, ...)}, whose normalised products are exact, so both probes score 1.0
 * against both gallery templates whatever the summation order.
 */
final class SyntheticIdentification {
    static final int DIMENSION = 10;
    static final String PREFIX = "ijbc";

    private SyntheticIdentification() {
    }

    /** Writes the set under {@code root}; returns the features file. */
    static Path write(Path root, int subjects, long seed) throws IOException {
        Random random = new Random(seed);
        double[][] centres = new double[subjects][DIMENSION];
        for (double[] centre : centres) {
            for (int k = 0; k < DIMENSION; k++) {
                centre[k] = random.nextGaussian();
            }
        }
        List<String> names = new ArrayList<>();
        List<Integer> templates = new ArrayList<>();
        List<Integer> media = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        List<int[]> galleryOne = new ArrayList<>();
        List<int[]> galleryTwo = new ArrayList<>();
        List<int[]> probes = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            int gallery = 100 + s;
            addTemplate(gallery, s, random, centres[s], names, templates, media, features, landmarks);
            (s % 2 == 0 ? galleryOne : galleryTwo).add(new int[] {gallery, 5000 + s});
            int probeCount = s % 3 == 0 ? 2 : 1;
            for (int p = 0; p < probeCount; p++) {
                int probe = 1000 + 2 * s + p;
                addTemplate(probe, p == 0 ? s : -1, random, centres[s], names, templates, media, features, landmarks);
                probes.add(new int[] {probe, 5000 + s});
            }
        }
        int n = names.size();
        float[] values = new float[n * 2 * DIMENSION];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features.get(i), 0, values, i * 2 * DIMENSION, 2 * DIMENSION);
        }
        IjbMeta.write(root, PREFIX, new IjbFaces(names.toArray(String[]::new),
                        templates.stream().mapToInt(Integer::intValue).toArray(),
                        media.stream().mapToInt(Integer::intValue).toArray()),
                new IjbTemplatePairs(new int[] {100, 100, 101}, new int[] {1000, 101, 1000}, new boolean[] {true, false,
                    false}), landmarks);
        writeLists(root.resolve(IjbMeta.META), galleryOne, galleryTwo, probes, templates, names);
        return NpyFiles.write(root.resolve("features.npy"), values, n, 2 * DIMENSION);
    }

    /** Each file line per image of its template, as published. */
    private static void writeLists(Path meta, List<int[]> galleryOne, List<int[]> galleryTwo, List<int[]> probes,
            List<Integer> templates, List<String> names) throws IOException {
        List<List<int[]>> sets = List.of(galleryOne, galleryTwo, probes);
        IjbTemplateSubjects[] files = new IjbTemplateSubjects[3];
        String[][] fileNames = new String[3][];
        for (int f = 0; f < 3; f++) {
            List<Integer> lineTemplates = new ArrayList<>();
            List<Integer> lineSubjects = new ArrayList<>();
            List<String> lineFiles = new ArrayList<>();
            for (int[] template : sets.get(f)) {
                for (int i = 0; i < templates.size(); i++) {
                    if (templates.get(i) == template[0]) {
                        lineTemplates.add(template[0]);
                        lineSubjects.add(template[1]);
                        lineFiles.add("img/" + names.get(i));
                    }
                }
            }
            files[f] = new IjbTemplateSubjects(lineTemplates.stream().mapToInt(Integer::intValue).toArray(),
                    lineSubjects.stream().mapToInt(Integer::intValue).toArray());
            fileNames[f] = lineFiles.toArray(String[]::new);
        }
        new IjbIdentificationMeta(files[0], files[1], files[2]).write(meta, PREFIX, fileNames[0], fileNames[1],
                fileNames[2]);
    }

    /** @param tiedSubject 0 or 1 for a template of the tied feature, else any other value */
    private static void addTemplate(int template, int tiedSubject, Random random, double[] centre, List<String> names,
            List<Integer> templates, List<Integer> media, List<float[]> features, Map<String, FaceLandmarks> landmarks) {
        boolean tied = tiedSubject == 0 || tiedSubject == 1;
        int images = tied ? 1 : 1 + random.nextInt(3);
        for (int i = 0; i < images; i++) {
            String name = (names.size() + 1) + ".jpg";
            float[] feature = new float[2 * DIMENSION];
            float score;
            if (tied) {
                feature[0] = 1;
                feature[1] = 1;
                feature[2] = -1;
                feature[3] = 1;
                score = 1f;
            } else {
                for (int k = 0; k < DIMENSION; k++) {
                    feature[k] = (float) (centre[k] + 1.3 * random.nextGaussian());
                    feature[DIMENSION + k] = (float) (centre[k] + 1.3 * random.nextGaussian());
                }
                score = 0.5f + 0.5f * random.nextFloat();
            }
            names.add(name);
            templates.add(template);
            media.add(template * 10 + (i == 0 ? 0 : 1));
            features.add(feature);
            landmarks.put(name, new FaceLandmarks(new float[10], score));
        }
    }
}
