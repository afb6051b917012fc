package mhlr.evaluate.identification;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import mhlr.core.cli.UsageException;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbTemplateSubjects;
import mhlr.evaluate.protocol.TemplateFeatures;

/**
 * The two sides of 1:N from the list files and the pooled templates: the gallery (G1's lines then G2's, picked
 * as one list, as {@code ijb_1n.py} concatenates them), the probes, and each probe's mate.
 *
 * @param gallery the gallery templates
 * @param probes the probe templates
 * @param mates the gallery row of each probe's mate
 */
public record IdentificationTemplates(TemplateSet gallery, TemplateSet probes, int[] mates) {
    private static final int SHOWN_OFFENDERS = 5;

    /**
     * Picks both sides.
     *
     * @param name the protocol's name (the files' prefix)
     * @throws UsageException when a list names templates that have no image (per file: how many of how many,
     *     and the first ones), or a probe has no single mate
     */
    public static IdentificationTemplates of(String name, IjbIdentificationMeta lists, TemplateFeatures pooled) {
        List<String> problems = new ArrayList<>();
        check(name + IjbIdentificationMeta.GALLERY_ONE_SUFFIX, lists.galleryOne(), pooled, problems);
        check(name + IjbIdentificationMeta.GALLERY_TWO_SUFFIX, lists.galleryTwo(), pooled, problems);
        check(name + IjbIdentificationMeta.PROBES_SUFFIX, lists.probes(), pooled, problems);
        if (!problems.isEmpty()) {
            throw new UsageException(name + " 1:N: templates without any image: " + String.join("; ", problems));
        }
        TemplateSet gallery = TemplateSet.choose(pooled,
                TemplateSet.concatenate(lists.galleryOne().templateIds(), lists.galleryTwo().templateIds()),
                TemplateSet.concatenate(lists.galleryOne().subjectIds(), lists.galleryTwo().subjectIds()));
        TemplateSet probes = TemplateSet.choose(pooled, lists.probes().templateIds(), lists.probes().subjectIds());
        return new IdentificationTemplates(gallery, probes, OneToN.mates(gallery, probes, name));
    }

    private static void check(String file, IjbTemplateSubjects lines, TemplateFeatures pooled, List<String> problems) {
        TreeSet<Integer> listed = new TreeSet<>();
        for (int template : lines.templateIds()) {
            listed.add(template);
        }
        List<Integer> missing = listed.stream().filter(t -> pooled.indexOf(t) < 0).toList();
        if (!missing.isEmpty()) {
            problems.add(file + " names " + missing.size() + " of its " + listed.size() + " templates, first "
                    + missing.subList(0, Math.min(SHOWN_OFFENDERS, missing.size())));
        }
    }
}
