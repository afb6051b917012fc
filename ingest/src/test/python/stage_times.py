"""Per-job and per-stage times of a Spark application, from its event log.

Usage: python3 stage_times.py EVENT_LOG [FIRST_JOB]

EVENT_LOG is the uncompressed JSON-lines event log Spark writes with spark.eventLog.enabled=true (decompress a
.zstd log with `zstd -dc`). For each job from FIRST_JOB on it prints the job's wall time, the driver's gap since the
previous job ended, and for each of its stages: tasks, wall time, and the sums over its tasks of run time, CPU
time, deserialization time and GC time (all in milliseconds).
"""
import json
import sys


def main(path, first):
    jobs, stages, tasks = {}, {}, {}
    with open(path) as log:
        for line in log:
            event = json.loads(line)
            kind = event["Event"]
            if kind == "SparkListenerJobStart":
                jobs[event["Job ID"]] = {"start": event["Submission Time"], "stages": event["Stage IDs"]}
            elif kind == "SparkListenerJobEnd":
                jobs[event["Job ID"]]["end"] = event["Completion Time"]
            elif kind == "SparkListenerStageCompleted":
                info = event["Stage Info"]
                stages[info["Stage ID"]] = (info["Stage Name"], info.get("Submission Time"),
                                            info.get("Completion Time"))
            elif kind == "SparkListenerTaskEnd":
                metrics = event.get("Task Metrics") or {}
                tasks.setdefault(event["Stage ID"], []).append((
                    metrics.get("Executor Run Time", 0), metrics.get("Executor CPU Time", 0) / 1e6,
                    metrics.get("Executor Deserialize Time", 0), metrics.get("JVM GC Time", 0)))
    previous_end = None
    for job_id in sorted(jobs):
        if job_id < first:
            continue
        job = jobs[job_id]
        gap = "" if previous_end is None else " (driver gap %d ms)" % (job["start"] - previous_end)
        print("job %d: %d ms%s" % (job_id, job["end"] - job["start"], gap))
        previous_end = job["end"]
        for stage_id in job["stages"]:
            if stage_id not in stages or stages[stage_id][1] is None:
                continue
            name, submitted, completed = stages[stage_id]
            done = tasks.get(stage_id, [])
            sums = [sum(task[i] for task in done) for i in range(4)]
            print("  stage %d %-40s tasks %3d wall %5d run %5d cpu %5.0f deserialize %4d gc %4d"
                  % (stage_id, name[:40], len(done), completed - submitted, *sums))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
