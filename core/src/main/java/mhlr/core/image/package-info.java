/**
 * Face images: recognising a format by its bytes ({@link mhlr.core.image.ImageFormat}), decoding to BGR with
 * clear reasons for bad files ({@link mhlr.core.image.ImageDecoder}), the ArcFace 5-point alignment to 112x112
 * ({@link mhlr.core.image.FaceAligner}), encoding ({@link mhlr.core.image.ImageEncoder}), the per-image work of
 * ingest ({@link mhlr.core.image.FacePreparation}) and network input in [-1, 1] ({@link mhlr.core.image.Pixels}).
 *
 * <p>Every image handed between these classes is {@link java.awt.image.BufferedImage#TYPE_3BYTE_BGR}, the layout
 * OpenCV and insightface use, so pixel loops run over one packed byte array.
 */
package mhlr.core.image;
