package mhlr.ingest.recordio;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.core.dataset.ShardSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Joins the parts on the driver into one {@code train.rec} (the parts' bytes one after another) and one
 * {@code train.idx} (each part's lines, offsets shifted by the bytes before the part), writes {@code property}
 * ({@code "<classes>,112,112\n<images>\n"}, as insightface's builders do), and removes the parts.
 */
public final class RecordIoAssembly {
    private RecordIoAssembly() {
    }

    /**
     * Writes the three files into {@code directory}{@code /folder} and describes them for the manifest.
     *
     * @param folder the RecordIO folder relative to the output folder ("" or ending in "/")
     * @param parts the parts, every one of them, in any order
     * @param partsFolder where the tasks wrote them; removed afterwards
     */
    public static List<ShardFile> assemble(FileSystem fileSystem, Path directory, String folder,
            List<RecordIoPart> parts, Path partsFolder, int classes) throws IOException {
        List<RecordIoPart> ordered = parts.stream().sorted(Comparator.comparingInt(RecordIoPart::index))
                .toList();
        String rec = folder + ShardSchema.RECORDIO_FILE;
        String idx = folder + ShardSchema.RECORDIO_INDEX;
        String property = folder + ShardSchema.RECORDIO_PROPERTY;
        long images = 0;
        long base = 0;
        try (OutputStream recOut = fileSystem.create(new Path(directory, rec), true);
                Writer idxOut = new BufferedWriter(new OutputStreamWriter(fileSystem.create(new Path(directory, idx),
                        true), StandardCharsets.US_ASCII), 1 << 16)) {
            for (RecordIoPart part : ordered) {
                Path partRec = new Path(partsFolder, part.recordFile());
                try (InputStream in = fileSystem.open(partRec)) {
                    in.transferTo(recOut);
                }
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                        fileSystem.open(new Path(partsFolder, part.indexFile())), StandardCharsets.US_ASCII))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        int tab = line.indexOf('\t');
                        idxOut.write(line, 0, tab + 1);
                        idxOut.write(Long.toString(base + Long.parseLong(line.substring(tab + 1))));
                        idxOut.write('\n');
                    }
                }
                base += fileSystem.getFileStatus(partRec).getLen();
                images += part.records();
            }
        }
        try (OutputStream out = fileSystem.create(new Path(directory, property), true)) {
            out.write((classes + "," + ShardSchema.IMAGE_SIZE + "," + ShardSchema.IMAGE_SIZE + "\n" + images + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }
        fileSystem.delete(partsFolder, true);
        return List.of(ShardSet.describe(fileSystem, directory, rec, images),
                ShardSet.describe(fileSystem, directory, idx, images),
                ShardSet.describe(fileSystem, directory, property, 2));
    }
}
