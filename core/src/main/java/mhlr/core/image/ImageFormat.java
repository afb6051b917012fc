package mhlr.core.image;

import java.util.Optional;

/** The image formats ingest reads, recognised by their first bytes (file names are not trusted). */
public enum ImageFormat {
    JPEG,
    PNG,
    BMP,
    GIF,
    /** Netpbm greymap, binary ({@code P5}) or ASCII ({@code P2}), as in the ORL/AT&amp;T faces. */
    PGM;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** The format whose signature starts {@code bytes}, or empty when none does. */
    public static Optional<ImageFormat> detect(byte[] bytes) {
        if (startsWith(bytes, (byte) 0xff, (byte) 0xd8, (byte) 0xff)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, (byte) 'G', (byte) 'I', (byte) 'F', (byte) '8')
                && bytes.length >= 6 && (bytes[4] == '7' || bytes[4] == '9') && bytes[5] == 'a') {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, (byte) 'B', (byte) 'M') && bytes.length >= 26) {
            return Optional.of(BMP);
        }
        if (bytes.length >= 3 && bytes[0] == 'P' && (bytes[1] == '5' || bytes[1] == '2')
                && Character.isWhitespace(bytes[2])) {
            return Optional.of(PGM);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
