package mhlr.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;
import mhlr.core.cli.UsageException;
import mhlr.train.loss.CombinedMarginLoss;
import mhlr.train.loss.MarginGradient;
import mhlr.train.model.BackboneSpec;
import mhlr.train.model.Backbones;
import mhlr.train.model.TrainingModel;

/**
 * The {@link TrainingModel} that {@code train { backbone, image-size, embedding-size, dropout, loss { }, momentum,
 * weight-decay, gradient-clip }} and {@code seed} describe. The margins come from {@code loss.m1/m2/m3} and
 * {@code loss.scale}; {@code loss.type} names the family and must agree with them (arcface: m2 &gt; 0, m3 = 0;
 * cosface: m3 &gt; 0, m2 = 0; combined: any), so a preset cannot silently train another loss than it says.
 */
final class ModelFromConfig {
    private ModelFromConfig() {
    }

    static TrainingModel build(Config config, int classes) {
        try {
            Config train = config.getConfig("train");
            String backbone = train.getString("backbone");
            if (!Backbones.names().contains(backbone) && !backbone.equals("mbf")) {
                throw new UsageException("train.backbone: unknown backbone '" + backbone + "' (one of "
                        + String.join(", ", Backbones.names()) + ")");
            }
            BackboneSpec spec = BackboneSpec.builder(backbone)
                    .inputSize(train.getInt("image-size"))
                    .embeddingSize(train.getInt("embedding-size"))
                    .dropout(train.getDouble("dropout"))
                    .build();
            return TrainingModel.builder(spec, classes)
                    .margin(margin(train.getConfig("loss")))
                    .sampleRate(train.getDouble("loss.sample-rate"))
                    .momentum(train.getDouble("momentum"))
                    .weightDecay(train.getDouble("weight-decay"))
                    .maxGradientNorm(train.getDouble("gradient-clip"))
                    .seed(config.getLong("seed"))
                    .build();
        } catch (ConfigException e) {
            throw new UsageException("config: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UsageException("config train: " + e.getMessage(), e);
        }
    }

    static CombinedMarginLoss margin(Config loss) {
        String type = loss.getString("type").toLowerCase(Locale.ROOT);
        double m1 = loss.getDouble("m1");
        double m2 = loss.getDouble("m2");
        double m3 = loss.getDouble("m3");
        boolean consistent = switch (type) {
            case "arcface" -> m2 > 0 && m3 == 0;
            case "cosface" -> m3 > 0 && m2 == 0;
            case "combined" -> true;
            default -> throw new UsageException("train.loss.type: '" + type + "' is not arcface, cosface or combined");
        };
        if (!consistent) {
            throw new UsageException("train.loss.type = " + type + " but (m1, m2, m3) = (" + m1 + ", " + m2 + ", " + m3
                    + "); ArcFace is (1, 0.5, 0), CosFace (1, 0, 0.4); set the margins or type = combined");
        }
        return new CombinedMarginLoss(loss.getDouble("scale"), m1, m2, m3,
                MarginGradient.fromKey(loss.getString("gradient")));
    }
}
