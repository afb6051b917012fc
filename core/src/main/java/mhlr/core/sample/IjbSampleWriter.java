package mhlr.core.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import mhlr.core.format.FaceLandmarks;
import mhlr.core.format.IjbFaces;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbMeta;
import mhlr.core.format.IjbTemplatePairs;
import mhlr.core.format.IjbTemplateSubjects;

/**
 * IJB: IJB-C's layout, {@code ijb/loose_crop/<n>.jpg} photos and {@code ijb/meta/} files. Each evaluation person's
 * photos form two templates (first and second half of the images), images two by two sharing a media id (frames
 * of one video); every person's two templates are a genuine pair, and each template meets up to eight templates of
 * other people (drawn at random, no pair twice) as impostor pairs. The 1:N files put each person's first template
 * in the gallery (G1 for even evaluation numbers, G2 for odd ones) and the second among the probes.
 */
record IjbSampleWriter(SampleContext context) implements SampleFormatWriter {
    private static final long PAIR_STREAM = 4;

    @Override
    public SampleFormat format() {
        return SampleFormat.IJB;
    }

    @Override
    public SampleCount write(Path output) throws IOException {
        Path root = output.resolve(format().directory());
        int perIdentity = context.imagesPerIdentity();
        int training = context.trainingIdentities();
        int count = context.evaluationIdentities() * perIdentity;
        Path crops = Files.createDirectories(root.resolve(IjbMeta.IMAGES));
        float[][] points = context.photos(training, context.evaluationIdentities(),
                index -> crops.resolve((index + 1) + ".jpg"));
        String[] names = new String[count];
        int[] templates = new int[count];
        int[] media = new int[count];
        Map<String, FaceLandmarks> landmarks = new LinkedHashMap<>();
        int half = (perIdentity + 1) / 2;
        for (int index = 0; index < count; index++) {
            int e = index / perIdentity;
            int image = index % perIdentity;
            int template = image < half ? 0 : 1;
            int inTemplate = template == 0 ? image : image - half;
            names[index] = (index + 1) + ".jpg";
            templates[index] = 2 * e + template + 1;
            media[index] = 1000 * (2 * e + template + 1) + inTemplate / 2;
            landmarks.put(names[index], new FaceLandmarks(points[index],
                    context.detectorScore(training + e, image, 0.6f)));
        }
        IjbTemplatePairs pairs = templatePairs();
        IjbMeta.write(root, "ijbc", new IjbFaces(names, templates, media), pairs, landmarks);
        writeIdentification(root.resolve(IjbMeta.META), names, templates);
        return SampleCount.imagesAndPairs(count, pairs.size());
    }

    /** Every person's genuine pair, then up to eight impostor pairs per template (no pair twice). */
    private IjbTemplatePairs templatePairs() {
        SplittableRandom random = context.pairRandom(PAIR_STREAM);
        List<int[]> pairs = new ArrayList<>();
        int templateCount = 2 * context.evaluationIdentities();
        for (int e = 0; e < context.evaluationIdentities(); e++) {
            pairs.add(new int[] {2 * e + 1, 2 * e + 2, 1});
        }
        Set<Long> seen = new HashSet<>();
        for (int template = 1; template <= templateCount; template++) {
            int owner = (template - 1) / 2;
            for (int k = 0; k < Math.min(8, templateCount - 2); k++) {
                int other = 1 + random.nextInt(templateCount);
                long key = (long) Math.min(template, other) << 32 | Math.max(template, other);
                if ((other - 1) / 2 != owner && seen.add(key)) {
                    pairs.add(new int[] {template, other, 0});
                }
            }
        }
        int[] left = new int[pairs.size()];
        int[] right = new int[pairs.size()];
        boolean[] genuine = new boolean[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            left[i] = pairs.get(i)[0];
            right[i] = pairs.get(i)[1];
            genuine[i] = pairs.get(i)[2] == 1;
        }
        return new IjbTemplatePairs(left, right, genuine);
    }

    /**
     * IJB-C's 1:N files: each person's first template is in the gallery (G1 for even evaluation numbers, G2 for
     * odd ones), the second is a probe whose mate is the first; subject ids are evaluation numbers from 1; a line
     * per image, as published.
     */
    private static void writeIdentification(Path meta, String[] names, int[] templates) throws IOException {
        List<List<Integer>> lines = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int index = 0; index < names.length; index++) {
            int person = (templates[index] - 1) / 2;
            boolean gallery = templates[index] % 2 == 1;
            lines.get(gallery ? person % 2 : 2).add(index);
        }
        IjbTemplateSubjects[] files = new IjbTemplateSubjects[3];
        String[][] fileNames = new String[3][];
        for (int f = 0; f < 3; f++) {
            List<Integer> rows = lines.get(f);
            int[] fileTemplates = new int[rows.size()];
            int[] subjects = new int[rows.size()];
            fileNames[f] = new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                int index = rows.get(i);
                fileTemplates[i] = templates[index];
                subjects[i] = (templates[index] - 1) / 2 + 1;
                fileNames[f][i] = "img/" + names[index];
            }
            files[f] = new IjbTemplateSubjects(fileTemplates, subjects);
        }
        new IjbIdentificationMeta(files[0], files[1], files[2]).write(meta, "ijbc", fileNames[0], fileNames[1],
                fileNames[2]);
    }
}
