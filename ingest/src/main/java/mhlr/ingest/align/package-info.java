/**
 * The per-image step of ingest on the executors: decode, align to the ArcFace template (or resize), encode,
 * hash ({@link mhlr.ingest.align.FacePreparer}, on top of core's {@code mhlr.core.image}).
 */
package mhlr.ingest.align;
