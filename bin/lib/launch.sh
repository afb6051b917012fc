# Shared by every bin/ script: builds the module on first use (or when its sources changed) and runs a main class.
#
# Usage, in a bin/ script:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/launch.sh"
#   launch_java  MODULE MAIN_CLASS "$@"   # a plain JVM (train, mhlr-replay, make-sample-data)
#   launch_spark MODULE MAIN_CLASS "$@"   # a Spark job (ingest, evaluate)
#
# launch_spark runs through $SPARK_HOME/bin/spark-submit when SPARK_HOME is set (--master, every --conf, the
# application's name and everything after "--" are handed to spark-submit); otherwise in an embedded JVM with Spark
# on the class path: local[*], or the cluster named by --master, with the application jars shipped to its executors
# (MHLR_APP_JARS). What "--" means in each case: bin/lib/spark-args.sh.
# Environment: MHLR_JAVA_OPTS adds JVM options (e.g. -Xmx16g), split at white space and never glob-expanded;
# MHLR_DEBUG=1 prints stack traces;
# MHLR_OFFLINE=1 builds with Maven offline; MHLR_MAVEN_ARGS adds Maven arguments to that build (e.g. -Pcuda).

set -euo pipefail

# ND4J's OpenMP threads spin while they wait unless told otherwise; passive waiting saves most of a busy CPU.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
# oneDNN (through libnd4j) copies each convolution's arrays into freshly allocated buffers on every call. By default
# glibc gives that memory back to the kernel and faults it in again the next time. Keep freed memory in the process
# and back it with transparent huge pages: iResNet-18 trained 2.7x faster (docs/BENCHMARKS.md). Appended to any GLIBC_TUNABLES already set; older glibc ignores it.
MHLR_MALLOC_TUNABLES="glibc.malloc.hugetlb=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456"
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$MHLR_MALLOC_TUNABLES"

MHLR_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MHLR_LIB="$MHLR_HOME/bin/lib"
source "$MHLR_LIB/spark-args.sh"

# True when MODULE's build is missing or older than a source, pom or conf file it is built from.
mhlr_stale() {
  local module="$1"
  local stamp="$MHLR_HOME/$module/target/classpath.txt"
  [[ ! -f "$stamp" ]] && return 0
  [[ -n "$(find "$MHLR_HOME/$module/src/main" "$MHLR_HOME/core/src/main" "$MHLR_HOME/spark/src/main" \
      "$MHLR_HOME/conf" "$MHLR_HOME/pom.xml" "$MHLR_HOME/$module/pom.xml" "$MHLR_HOME/core/pom.xml" \
      -newer "$stamp" -type f -print -quit 2>/dev/null)" ]]
}

# Builds the given modules (with what they depend on) in one Maven run if any of them is stale. Commands started
# together take turns (a lock on target/.mhlr-build.lock where flock exists): two Maven builds in one target/
# would overwrite each other's classes; the second finds the build fresh once the first is done.
mhlr_build() {
  local module stale=0
  for module in "$@"; do
    mhlr_stale "$module" && stale=1
  done
  [[ "$stale" == 1 ]] || return 0
  if command -v flock > /dev/null && [[ -z "${MHLR_BUILD_LOCKED:-}" ]]; then
    mkdir -p "$MHLR_HOME/target"
    local lock
    exec {lock}> "$MHLR_HOME/target/.mhlr-build.lock"
    flock "$lock"
    MHLR_BUILD_LOCKED=1 mhlr_build "$@"
    local code=$?
    flock -u "$lock"
    exec {lock}>&-
    return "$code"
  fi
  local modules
  modules="$(IFS=,; echo "$*")"
  echo "Building $modules (first run or changed sources)..." >&2
  local offline=()
  [[ "${MHLR_OFFLINE:-0}" == "1" ]] && offline=(-o)
  # shellcheck disable=SC2086
  if ! (cd "$MHLR_HOME" && ./mvnw -q -B "${offline[@]}" ${MHLR_MAVEN_ARGS:-} -Dmaven.test.skip=true \
        -pl "$modules" -am package >&2); then
    echo "build of $modules failed (run ./mvnw -DskipTests -pl $modules -am package to see why)" >&2
    exit 1
  fi
  # build-classpath leaves an unchanged file untouched: mark the build as fresh ourselves.
  for module in "$@"; do
    touch "$MHLR_HOME/$module/target/classpath.txt"
  done
}

# The module's jar; fails (exit 1) when there is none: an empty entry would put the current directory on the
# class path.
mhlr_module_jar() {
  local module="$1" jar
  jar="$(ls "$MHLR_HOME/$module/target/mhlr-$module"-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' \
    | head -n 1 || true)"
  if [[ -z "$jar" || ! -f "$MHLR_HOME/$module/target/classpath.txt" ]]; then
    echo "no built jar for module $module under $MHLR_HOME/$module/target (run ./mvnw -DskipTests -pl $module -am package)" >&2
    exit 1
  fi
  echo "$jar"
}

# MHLR_JAVA_OPTS as words: split at white space, no glob expansion (an option such as -Dx=* stays as written).
mhlr_java_opts=()
if [[ -n "${MHLR_JAVA_OPTS:-}" ]]; then
  read -r -a mhlr_java_opts <<< "$MHLR_JAVA_OPTS"
fi

# Whether the arguments name a master (--master URL or --master=URL).
mhlr_has_master() {
  local arg
  for arg in "$@"; do
    [[ "$arg" == "--master" || "$arg" == --master=* ]] && return 0
  done
  return 1
}

mhlr_jvm_options() {
  tr '\n' ' ' < "$MHLR_LIB/jvm-options"
}

launch_java() {
  local module="$1" main="$2"
  shift 2
  mhlr_build "$module"
  local classpath jar
  jar="$(mhlr_module_jar "$module")" || exit 1
  classpath="$jar:$(cat "$MHLR_HOME/$module/target/classpath.txt")"
  # shellcheck disable=SC2046
  exec java $(mhlr_jvm_options) -Djava.awt.headless=true -Dmhlr.home="$MHLR_HOME" \
    ${mhlr_java_opts[@]+"${mhlr_java_opts[@]}"} -cp "$classpath" "$main" "$@"
}

launch_spark() {
  local module="$1" main="$2" job command
  shift 2
  job="$(basename "$0")"
  command="bin/$job"
  # Embedded, an option after -- that only spark-submit can apply is refused before anything is built.
  [[ -n "${SPARK_HOME:-}" ]] || mhlr_embedded_arguments "$command" "$@"
  mhlr_build "$module"
  local jar dependencies
  jar="$(mhlr_module_jar "$module")" || exit 1
  dependencies="$(cat "$MHLR_HOME/$module/target/classpath.txt")"
  if [[ -n "${SPARK_HOME:-}" ]]; then
    mhlr_spark_submit_command "$job" "$main" "$dependencies" \
      "$(mhlr_jvm_options) \"-Dmhlr.home=$MHLR_HOME\" ${MHLR_JAVA_OPTS:-}" "$@"
    exec "$SPARK_HOME/bin/spark-submit" "${mhlr_submit_command[@]}" "$jar" \
      ${mhlr_job_args[@]+"${mhlr_job_args[@]}"}
  fi
  set -- ${mhlr_job_args[@]+"${mhlr_job_args[@]}"}
  # Embedded local runs stay on the loopback interface (a cluster run keeps the host's address).
  mhlr_has_master "$@" || export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  local spark_classpath
  spark_classpath="$(cat "$MHLR_HOME/$module/target/provided-classpath.txt")"
  export MHLR_APP_JARS="$jar,${dependencies//:/,}"
  # shellcheck disable=SC2046
  exec java $(mhlr_jvm_options) -Djava.awt.headless=true -Dmhlr.home="$MHLR_HOME" \
    ${mhlr_java_opts[@]+"${mhlr_java_opts[@]}"} ${mhlr_driver_options[@]+"${mhlr_driver_options[@]}"} \
    -cp "$jar:$dependencies:$spark_classpath" "$main" "$@"
}
