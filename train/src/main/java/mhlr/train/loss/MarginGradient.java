package mhlr.train.loss;

import java.util.Locale;

/**
 * How the margin head differentiates the margined target logit (config key {@code train.loss.gradient}).
 *
 * <p>arcface_torch (since its "fixed arcface impl" change) and FastFace apply the angular margin under
 * {@code torch.no_grad()}: the target logit's value becomes {@code cos(arccos(c) + m2)}, but its gradient is that of
 * {@code c}. That is {@link #STRAIGHT_THROUGH}, the default. {@link #EXACT} differentiates {@code cos(theta + m2)}
 * itself; its derivative {@code cos(m2) + sin(m2) * c / sqrt(1 - c^2)} grows without bound as a well-learnt face's
 * target cosine {@code c} approaches 1, and it is not what the paper's numbers were trained with.
 */
public enum MarginGradient {
    /** The margin changes the target logit's value only; the gradient passes through as if it were the cosine. */
    STRAIGHT_THROUGH("straight-through"),
    /** The derivative of the margined target logit itself. */
    EXACT("exact");

    private final String key;

    MarginGradient(String key) {
        this.key = key;
    }

    /** The value of {@code train.loss.gradient} that selects this form. */
    public String key() {
        return key;
    }

    /** The form a config value names, or an {@link IllegalArgumentException} listing the choices. */
    public static MarginGradient fromKey(String value) {
        String wanted = value.toLowerCase(Locale.ROOT);
        for (MarginGradient gradient : values()) {
            if (gradient.key.equals(wanted)) {
                return gradient;
            }
        }
        throw new IllegalArgumentException("train.loss.gradient: '" + value + "' is not straight-through or exact");
    }
}
