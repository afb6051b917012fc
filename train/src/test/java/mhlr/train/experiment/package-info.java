/**
 * The MHLR claim experiment of docs/EXPERIMENTS.md: the paper's claim tested at small scale on real faces
 * ({@link mhlr.train.experiment.MhlrClaimExperiment} and the probes it was tuned with). Entry points run by hand;
 * their {@code *Test} classes pin the experiment's data choices, report and replayed signal in the default test run.
 */
package mhlr.train.experiment;
