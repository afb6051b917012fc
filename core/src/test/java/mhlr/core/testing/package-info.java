/**
 * Test fixtures shared by the modules' tests through core's test-jar: deterministic pictures, their encodings and
 * broken files ({@link mhlr.core.testing.TestImages}).
 */
package mhlr.core.testing;
