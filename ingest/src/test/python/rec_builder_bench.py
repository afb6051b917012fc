"""What a Python user runs today to pack face folders into insightface RecordIO, timed for IngestBench.

One process does the work of insightface's RecBuilder (recognition/arcface_torch/utils and mxnet's im2rec with
--pass-through): list the identity folders (INPUT/ID or WebFace's INPUT/PART/ID), then for every image read the file, decode it with PIL to check it
(PIL's verify alone does not decode the pixels, so the image is loaded), hash its bytes (SHA-256, to find exact
duplicates) and append it to a .rec with its .idx (IRHeader flag 0, label = class, id = key), as
mxnet.recordio.MXIndexedRecordIO.write_idx would. Usage:

    python3 rec_builder_bench.py FOLDERS_ROOT OUTPUT_DIR
    python3 rec_builder_bench.py --decode-only FOLDERS_ROOT

It prints one line: "<images> images in <seconds> s: <rate> img/s" (listing and packing timed; the interpreter's
start is not). With --decode-only it reads and decodes every image and does nothing else, and the line also names
the JPEG library Pillow decodes with: what a decode costs the Python process, beside the JDK's in IngestBench.
"""
import hashlib
import io
import os
import struct
import sys
import time

import PIL
from PIL import Image, features

MAGIC = 0xCED7230A
IR_FORMAT = "IfQQ"  # flag, label, id, id2: insightface's IRHeader


def pack(out, index, key, label, payload):
    header = struct.pack(IR_FORMAT, 0, float(label), key, 0)
    record = header + payload
    index.write("%d\t%d\n" % (key, out.tell()))
    out.write(struct.pack("<II", MAGIC, len(record)))
    out.write(record)
    out.write(b"\0" * ((4 - len(record) % 4) % 4))


def identity_folders(root):
    """The folders holding images, sorted: INPUT/ID or WebFace's INPUT/PART/ID."""
    folders = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if not entry.is_dir():
            continue
        inside = [e for e in os.scandir(entry.path) if e.is_dir()]
        folders.extend(sorted(e.path for e in inside) if inside else [entry.path])
    return folders


def decoded_images(root):
    """Yields (label, bytes) of every image of the identity folders that decodes, in order; reads and decodes each."""
    for label, folder in enumerate(identity_folders(root)):
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            with open(entry.path, "rb") as f:
                payload = f.read()
            try:
                with Image.open(io.BytesIO(payload)) as image:
                    image.load()
            except OSError:
                continue
            yield label, payload


def decode_only(root):
    start = time.perf_counter()
    decoded = sum(1 for _ in decoded_images(root))
    seconds = time.perf_counter() - start
    library = "libjpeg-turbo %s" % features.version_feature("libjpeg_turbo") \
        if features.check_feature("libjpeg_turbo") else "libjpeg %s" % features.version_codec("jpg")
    print("%d images decoded by Pillow %s (%s) in %.3f s: %.0f img/s"
          % (decoded, PIL.__version__, library, seconds, decoded / seconds))


def main():
    if sys.argv[1] == "--decode-only":
        decode_only(sys.argv[2])
        return
    root, output = sys.argv[1], sys.argv[2]
    os.makedirs(output, exist_ok=True)
    start = time.perf_counter()
    seen = {}
    key = 0
    with open(os.path.join(output, "train.rec"), "wb") as out, \
            open(os.path.join(output, "train.idx"), "w") as index:
        for label, payload in decoded_images(root):
            digest = hashlib.sha256(payload).digest()
            if digest in seen:
                continue
            seen[digest] = key
            pack(out, index, key, label, payload)
            key += 1
    seconds = time.perf_counter() - start
    print("%d images in %.3f s: %.0f img/s" % (key, seconds, key / seconds))


if __name__ == "__main__":
    main()
