/**
 * End-to-end tests, run last in the reactor: the README's quick start ({@code bin/demo} as a child process, once per
 * test JVM, see {@link mhlr.e2e.DemoRun}) and the Zeppelin notes in {@code notebooks/}, whose SQL paragraphs run
 * against the demo's outputs on local Spark exactly as Zeppelin's Spark SQL interpreter would run them (dynamic
 * forms substituted, statements split on {@code ;}), so the notes cannot drift away from the pipeline's outputs.
 */
package mhlr.e2e;
