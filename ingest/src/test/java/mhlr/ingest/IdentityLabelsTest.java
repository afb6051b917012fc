package mhlr.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityLabelsTest {
    private static Map<String, IdentitySum> usable() {
        Map<String, IdentitySum> usable = new HashMap<>();
        usable.put("delta", new IdentitySum(5, 500));
        usable.put("alpha", new IdentitySum(2, 200));
        usable.put("charlie", new IdentitySum(1, 100));
        usable.put("bravo", new IdentitySum(4, 400));
        return usable;
    }

    @Test
    void labelsAreDenseInSortedNameOrderWhateverTheMapOrder() {
        IdentityLabels labels = IdentityLabels.assign(usable(), 1, 0);

        assertEquals(0, labels.label("alpha"));
        assertEquals(1, labels.label("bravo"));
        assertEquals(2, labels.label("charlie"));
        assertEquals(3, labels.label("delta"));
        assertEquals(12, labels.keptImages());
        assertEquals(1200, labels.keptBytes());
    }

    @Test
    void minimumImagesLeavesOutSmallIdentitiesAndLabelsStayDense() {
        IdentityLabels labels = IdentityLabels.assign(usable(), 3, 0);

        assertNull(labels.label("alpha"));
        assertEquals(0, labels.label("bravo"));
        assertNull(labels.label("charlie"));
        assertEquals(1, labels.label("delta"));
        assertEquals(2, labels.classes());
        assertEquals(3, labels.leftOutImages());
        assertTrue(labels.whyLeftOut("alpha").contains("has 2 usable images, fewer than"), labels.whyLeftOut("alpha"));
    }

    @Test
    void maximumIdentitiesKeepsTheFirstInSortedOrderAfterTheMinimum() {
        IdentityLabels labels = IdentityLabels.assign(usable(), 2, 2);

        assertEquals(0, labels.label("alpha"));
        assertEquals(1, labels.label("bravo"));
        assertNull(labels.label("delta"));
        assertEquals(6, labels.keptImages());
        assertTrue(labels.whyLeftOut("delta").contains("max-identities = 2"), labels.whyLeftOut("delta"));
    }
}
