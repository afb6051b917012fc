package mhlr.core.format;

/**
 * Which keys of an insightface RecordIO are images. The convention: when record 0 carries float labels
 * {@code [A, B]} (flag &gt; 0), it is a meta header, images are keys {@code 1 .. A-1} and keys
 * {@code A .. B-1} are identity records (label {@code [first_image, end_image)}); when record 0 has flag 0, or
 * there is no key 0, every key is an image. A and B are float32 as insightface stores them and are read as
 * insightface reads them ({@code int(header.label[0])}), exact up to 2^24.
 *
 * @param hasMeta whether record 0 is a meta header
 * @param imageEnd one past the last image key (meaningful when {@code hasMeta})
 * @param identityEnd one past the last identity record key (meaningful when {@code hasMeta})
 */
public record RecordIoLayout(boolean hasMeta, long imageEnd, long identityEnd) {
    /** Every key is an image. */
    public static final RecordIoLayout ALL_IMAGES = new RecordIoLayout(false, Long.MAX_VALUE, Long.MAX_VALUE);

    /** Whether the record with this key holds a face image. */
    public boolean isImage(long key) {
        return !hasMeta || key >= 1 && key < imageEnd;
    }

    /** Whether the record with this key is an identity record (only with a meta header). */
    public boolean isIdentity(long key) {
        return hasMeta && key >= imageEnd && key < identityEnd;
    }
}
