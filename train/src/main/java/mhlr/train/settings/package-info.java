/**
 * The training settings: {@link mhlr.train.settings.TrainingSettings} declares every key of {@code seed},
 * {@code train { }} and {@code mhlr { }} once as a {@link mhlr.train.settings.ConfigKey} (type, check, whether a
 * resumed run may change it) and is the only class that reads those blocks; defaults and documentation are in
 * {@code conf/base.conf}.
 */
package mhlr.train.settings;
