package mhlr.ingest.shards;

import java.io.IOException;
import mhlr.core.format.IjbIdentificationMeta;
import mhlr.core.format.IjbTemplateSubjects;
import mhlr.core.dataset.ShardFile;
import mhlr.core.dataset.ShardSchema;
import mhlr.spark.HadoopAtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes {@code __mhlr/identification.parquet} on the driver: every line of a protocol's 1:N gallery and probe files,
 * file by file (G1, G2, probes) in line order, so the evaluation reads the lists exactly as the files hold them.
 */
public final class IdentificationTable {
    private IdentificationTable() {
    }

    /** Writes the lists of {@code protocol} into {@code directory} and describes the file. */
    public static ShardFile write(Configuration hadoop, Path directory, String protocol, IjbIdentificationMeta lists,
            long rowGroupBytes) throws IOException {
        Path path = new Path(directory, ShardSchema.IDENTIFICATION_FILE);
        SimpleGroupFactory groups = new SimpleGroupFactory(ParquetSchemas.IDENTIFICATION);
        long rows = 0;
        CanonicalFooterOutputFile file = CanonicalFooterOutputFile.at(path, hadoop);
        try (ParquetWriter<Group> writer = ParquetFiles.writer(file, hadoop, ParquetSchemas.IDENTIFICATION,
                rowGroupBytes)) {
            String[] sets = {ShardSchema.GALLERY_ONE, ShardSchema.GALLERY_TWO, ShardSchema.PROBE};
            IjbTemplateSubjects[] files = {lists.galleryOne(), lists.galleryTwo(), lists.probes()};
            for (int f = 0; f < files.length; f++) {
                for (int line = 0; line < files[f].size(); line++) {
                    Group row = groups.newGroup();
                    row.add(ShardSchema.PROTOCOL, protocol);
                    row.add(ShardSchema.IDENTIFICATION_SET, sets[f]);
                    row.add(ShardSchema.LINE, (long) line);
                    row.add(ShardSchema.TEMPLATE_ID, files[f].templateIds()[line]);
                    row.add(ShardSchema.SUBJECT_ID, files[f].subjectIds()[line]);
                    writer.write(row);
                    rows++;
                }
            }
        }
        return file.describe(HadoopAtomicOutput.fileSystem(path, hadoop), path, ShardSchema.IDENTIFICATION_FILE, rows);
    }
}
