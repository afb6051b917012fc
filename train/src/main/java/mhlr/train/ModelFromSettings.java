package mhlr.train;

import mhlr.core.cli.UsageException;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.loss.MarginGradient;
import mhlr.train.loss.Margins;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.TrainingModel;
import mhlr.train.settings.TrainingSettings;

/**
 * The {@link TrainingModel} that the settings {@code train { backbone, image-size, embedding-size, dropout, loss { },
 * momentum, weight-decay, gradient-clip }} and {@code seed} describe ({@link TrainingSettings}). The margins come from
 * {@code loss.m1/m2/m3} and {@code loss.scale}; {@code loss.type} names the family and must agree with them
 * (arcface: m2 &gt; 0, m3 = 0; cosface: m3 &gt; 0, m2 = 0; combined: any), so a preset cannot silently train another
 * loss than it says.
 */
final class ModelFromSettings {
    private ModelFromSettings() {
    }

    static TrainingModel build(TrainingSettings settings, int classes) {
        try {
            BackboneSpec spec = BackboneSpec.builder(settings.get(TrainingSettings.BACKBONE))
                    .inputSize(settings.get(TrainingSettings.IMAGE_SIZE))
                    .embeddingSize(settings.get(TrainingSettings.EMBEDDING_SIZE))
                    .dropout(settings.get(TrainingSettings.DROPOUT))
                    .build();
            return TrainingModel.builder(spec, classes)
                    .margin(margin(settings))
                    .sampleRate(settings.get(TrainingSettings.LOSS_SAMPLE_RATE))
                    .momentum(settings.get(TrainingSettings.MOMENTUM))
                    .weightDecay(settings.get(TrainingSettings.WEIGHT_DECAY))
                    .maxGradientNorm(settings.get(TrainingSettings.GRADIENT_CLIP))
                    .seed(settings.get(TrainingSettings.SEED))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("config train: " + e.getMessage(), e);
        }
    }

    static CombinedMarginLoss margin(TrainingSettings settings) {
        String type = settings.get(TrainingSettings.LOSS_TYPE);
        double m1 = settings.get(TrainingSettings.LOSS_M1);
        double m2 = settings.get(TrainingSettings.LOSS_M2);
        double m3 = settings.get(TrainingSettings.LOSS_M3);
        boolean consistent = switch (type) {
            case "arcface" -> m2 > 0 && m3 == 0;
            case "cosface" -> m3 > 0 && m2 == 0;
            default -> true;
        };
        if (!consistent) {
            throw new UsageException("train.loss.type = " + type + " but (m1, m2, m3) = (" + m1 + ", " + m2 + ", " + m3
                    + "); ArcFace is (1, 0.5, 0), CosFace (1, 0, 0.4); set the margins or type = combined");
        }
        return new CombinedMarginLoss(settings.get(TrainingSettings.LOSS_SCALE), new Margins(m1, m2, m3),
                MarginGradient.fromKey(settings.get(TrainingSettings.LOSS_GRADIENT)));
    }
}
