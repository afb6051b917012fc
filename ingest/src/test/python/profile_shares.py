"""Where the ingest's tasks spend their wall time, from a wall-clock profile of IngestBench in collapsed form.

Usage: python3 profile_shares.py WALL.collapsed

WALL.collapsed is async-profiler's output with event=wall,threads,collapsed. For pass 1's tasks (stacks holding
PrepareAndSpill.call), for the first job of Spark's two-pass floor (MinimalTwoPassIngest) and for pass 2's
shard-writing task (WriteShards.call) it prints the share of their samples in each kind of work. A stack counts for
the first kind in the list that matches it.
"""
import collections
import sys

PASS_ONE = [
    ("decoding", ("ImageDecoder", "JPEGImageReader")),
    ("SHA-256 of the input", ("MessageDigest", "DigestBase")),
    ("stat of a file", ("statx", "__fstatat64", "lstat")),
    ("reading the file", ("readLocal", "readAllBytes")),
    ("listing folders", ("DirectoryStream",)),
    ("writing the spill", ("BufferedOutputStream", "RawLocalFileSystem")),
    ("census shuffle", ("ShuffleWriter",)),
]
PASS_TWO = [
    ("waiting for the spill reader", ("ReadAhead.next",)),
    ("waiting for the shard file's writing threads", ("FutureTask.awaitDone",)),
    ("zeroing new arrays", ("memset",)),
]
TASKS = [
    ("pass 1 (PrepareAndSpill)", "PrepareAndSpill.call", PASS_ONE),
    ("two-pass floor, first job", "MinimalTwoPassIngest.lambda$run$", PASS_ONE),
    ("pass 2 (WriteShards)", "WriteShards.call", PASS_TWO),
]


def kind_of(stack, kinds):
    leaf = stack.rsplit(";", 1)[-1]
    for kind, marks in kinds:
        for mark in marks:
            if (mark in leaf) if mark in ("statx", "__fstatat64", "lstat", "memset") else (mark in stack):
                return kind
    return "the rest"


def main(path):
    shares = {name: collections.Counter() for name, _, _ in TASKS}
    with open(path) as profile:
        for line in profile:
            stack, count = line.rsplit(" ", 1)
            for name, root, kinds in TASKS:
                if root in stack:
                    shares[name][kind_of(stack, kinds)] += int(count)
                    break
    for name, _, _ in TASKS:
        total = sum(shares[name].values())
        print("%s: %d samples" % (name, total))
        for kind, count in shares[name].most_common():
            print("  %5.1f %%  %s" % (100.0 * count / max(total, 1), kind))


if __name__ == "__main__":
    main(sys.argv[1])
