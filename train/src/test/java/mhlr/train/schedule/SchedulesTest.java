package mhlr.train.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import mhlr.core.cli.UsageException;
import mhlr.core.config.Settings;
import mhlr.train.settings.TrainingSettings;
import org.junit.jupiter.api.Test;

class SchedulesTest {
    private static final long PAPER_STEPS = 202_320;

    private static TrainingSettings config(String... overrides) {
        return TrainingSettings.read(Settings.load(Optional.empty(), List.of(overrides)));
    }

    @Test
    void defaultIsTheFusedMhlrWithThePaperValues() {
        LearningRateSchedule schedule = Schedules.from(config(), PAPER_STEPS);
        Mhlr mhlr = assertInstanceOf(Mhlr.class, schedule);
        assertEquals(10_116, mhlr.patience());
        assertEquals(5e-5, mhlr.threshold());
        assertEquals(0.02, mhlr.learningRate(), "train.learning-rate");
    }

    @Test
    void paperTotalStepsIsFiveEpochsOfMs1mv3AtBatch128() {
        assertEquals(MhlrSettings.PAPER_TOTAL_STEPS, 5_179_510 / 128 * 5);
        assertEquals(MhlrSettings.PAPER_TOTAL_STEPS, config().get(TrainingSettings.MHLR_REFERENCE_STEPS));
    }

    @Test
    void relativeParametrisationGivesThePaperValuesExactlyAtThePaperLength() {
        assertEquals(MhlrSettings.paper(), MhlrSettings.paper().relativeTo(PAPER_STEPS, PAPER_STEPS));
        Mhlr relative = (Mhlr) Schedules.from(config("mhlr.parametrisation=relative"), PAPER_STEPS);
        assertEquals(5e-5, relative.threshold());
    }

    @Test
    void relativeParametrisationScalesHorizonsAndThresholdWithTheRun() {
        MhlrSettings tenTimesShorter = MhlrSettings.paper().relativeTo(PAPER_STEPS / 10, PAPER_STEPS);
        assertEquals(0.01, tenTimesShorter.alpha(), 1e-15);
        assertEquals(0.01, tenTimesShorter.beta(), 1e-15);
        assertEquals(5e-4, tenTimesShorter.lambda(), 1e-18);
        assertEquals(0.05, tenTimesShorter.tau());
        Mhlr relative = (Mhlr) Schedules.from(config("mhlr.parametrisation=relative"), PAPER_STEPS / 10);
        assertEquals(5e-4, relative.threshold(), 1e-18);
        assertEquals(1011, relative.patience());
    }

    @Test
    void relativeParametrisationRefusesARunTooShortForItsHorizons() {
        UsageException error = assertThrows(UsageException.class,
                () -> Schedules.from(config("mhlr.parametrisation=relative"), 150));
        assertTrue(error.getMessage().contains("too short"), error.getMessage());
    }

    @Test
    void variantPicksTheMhlrForm() {
        assertInstanceOf(MhlrCascaded.class, Schedules.from(config("mhlr.variant=cascaded"), PAPER_STEPS));
        MhlrWindowed windowed = assertInstanceOf(MhlrWindowed.class,
                Schedules.from(config("mhlr.variant=windowed"), PAPER_STEPS));
        assertEquals(8000, windowed.patience());
        assertEquals(0.06, windowed.threshold());
    }

    @Test
    void nameSelectsTheFixedShapes() {
        PolynomialDecay polynomial = assertInstanceOf(PolynomialDecay.class, Schedules.from(
                config("train.schedule.name=polynomial", "train.schedule.warmup-steps=10"), 1000, 0.1));
        assertEquals(0.05, polynomial.rateAt(5), 1e-15);
        assertEquals(0.1 * (1 - 495 / 990.0), polynomial.rateAt(505), 1e-15);
        assertInstanceOf(CosineDecay.class, Schedules.from(config("train.schedule.name=cosine"), 1000));
        assertInstanceOf(ConstantRate.class, Schedules.from(config("train.schedule.name=constant"), 1000));
        MultiStepDecay steps = assertInstanceOf(MultiStepDecay.class, Schedules.from(
                config("train.schedule.name=multistep", "train.schedule.milestones=[0.5, 0.8]"), 1000, 0.1));
        assertEquals(0.1, steps.rateAt(499));
        assertEquals(0.01, steps.rateAt(500), 1e-15);
        assertEquals(0.001, steps.rateAt(800), 1e-15);
    }

    @Test
    void refusesUnknownNamesAndMhlrWithAWarmup() {
        UsageException name = assertThrows(UsageException.class,
                () -> Schedules.from(config("train.schedule.name=step"), 1000));
        assertTrue(name.getMessage().contains("train.schedule.name"), name.getMessage());
        UsageException variant = assertThrows(UsageException.class,
                () -> Schedules.from(config("mhlr.variant=fast"), 1000));
        assertTrue(variant.getMessage().contains("mhlr.variant"), variant.getMessage());
        UsageException warmup = assertThrows(UsageException.class,
                () -> Schedules.from(config("train.schedule.warmup-steps=100"), 1000));
        assertTrue(warmup.getMessage().contains("warm-up"), warmup.getMessage());
        UsageException alpha = assertThrows(UsageException.class,
                () -> Schedules.from(config("mhlr.alpha=2"), 1000));
        assertTrue(alpha.getMessage().contains("alpha"), alpha.getMessage());
        UsageException milestones = assertThrows(UsageException.class, () -> Schedules.from(
                config("train.schedule.name=multistep", "train.schedule.milestones=[0.5, 1.5]"), 1000));
        assertTrue(milestones.getMessage().contains("milestones"), milestones.getMessage());
    }
}
