package mhlr.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicFormsTest {
    @Test
    void givenValueReplacesEveryOccurrenceWhateverItsDefault() {
        assertEquals("path '/data/demo/shards', path '/data/demo/runs'",
                DynamicForms.substitute("path '${output(Output)=/tmp/x}/shards', path '${output=/tmp/y}/runs'",
                        Map.of("output", "/data/demo")));
    }

    @Test
    void defaultStandsInForAMissingValue() {
        assertEquals("LIMIT 20", DynamicForms.substitute("LIMIT ${rows=20}", Map.of()));
    }

    @Test
    void selectDefaultIsTheValueBeforeTheOptions() {
        assertEquals("WHERE kind = 'ijb'",
                DynamicForms.substitute("WHERE kind = '${kind=ijb,ijb|tenfold}'", Map.of()));
    }

    @Test
    void hiddenFormLosesItsUnderscore() {
        assertEquals("x = 3", DynamicForms.substitute("x = _${x=3}", Map.of()));
    }

    @Test
    void valueWithDollarsAndBackslashesIsInsertedAsIs() {
        assertEquals("'C:\\$demo'", DynamicForms.substitute("'${output}'", Map.of("output", "C:\\$demo")));
    }

    @Test
    void formWithoutValueOrDefaultIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> DynamicForms.substitute("SELECT ${limit}", Map.of()));
        assertTrue(error.getMessage().contains("${limit}"), error.getMessage());
    }

    @Test
    void noteFormsAndCheckboxesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DynamicForms.substitute("$${output=/x}", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> DynamicForms.substitute("${checkbox:kinds=a,a|b}", Map.of()));
    }
}
