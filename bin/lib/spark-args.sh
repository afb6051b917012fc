# The spark-submit habits of the Spark jobs' launchers (bin/ingest, bin/evaluate, bin/embed), sourced by launch.sh.
#
#   bin/ingest JOB-ARGS... [-- SPARK-SUBMIT-OPTIONS...]
#
# Everything after "--" is spark-submit's. Through spark-submit (SPARK_HOME set) it is handed over as it is, after
# the launcher's own options (so a --name there wins; --driver-java-options and --jars are added to the launcher's).
# The job's --master goes to spark-submit, with --name "mhlr-JOB: INPUT"; every --conf KEY=VALUE goes to spark-submit
# (so driver settings such as spark.driver.memory take effect) and stays with the job too (which applies the same
# value again, prints it as the running session has it, and gives spark.hadoop.* to the Hadoop files it reads).
# Embedded (no SPARK_HOME), the options that mean something to a driver already running in this JVM are applied the
# way spark-submit applies them in client mode: --driver-memory M starts the JVM with -XmxM (so does
# --conf spark.driver.memory=M), --driver-java-options adds JVM options, --conf, --name, --master,
# --executor-memory, --executor-cores, --total-executor-cores and --num-executors become the job's --master and
# --conf. Any other spark-submit option (--packages, --deploy-mode, --files, ...) exits 2 naming it: it needs
# spark-submit.

# Splits "$@" at the first "--": mhlr_job_args before it, mhlr_submit_args after it.
mhlr_split_at_dashes() {
  mhlr_job_args=()
  mhlr_submit_args=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    mhlr_job_args+=("$1"); shift
  done
  if [[ $# -gt 0 ]]; then
    shift
    mhlr_submit_args=("$@")
  fi
}

# The application's name: "mhlr-JOB: " and the last element of the --input (or --data) path, as SparkJob names it.
mhlr_application_name() {
  local job="$1" input=""
  shift
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --input|--data) input="${2:-}"; [[ $# -ge 2 ]] && shift ;;
      --input=*|--data=*) input="${1#*=}" ;;
    esac
    shift
  done
  local trimmed="$input"
  while [[ "$trimmed" == */ ]]; do trimmed="${trimmed%/}"; done
  local last="${trimmed##*/}"
  [[ -z "$last" ]] && last="$input"
  echo "mhlr-$job: $last"
}

# Whether any --conf among the arguments sets the given Spark property.
mhlr_conf_sets() {
  local key="$1" previous=""
  shift
  local arg
  for arg in "$@"; do
    [[ "$previous" == "--conf" && "$arg" == "$key="* ]] && return 0
    [[ "$arg" == "--conf=$key="* ]] && return 0
    previous="$arg"
  done
  return 1
}

# spark-submit's command for a job: fills mhlr_submit_command (options up to, without, the application jar) and
# mhlr_job_args (what follows the jar). Arguments: JOB MAIN_CLASS DEPENDENCIES JAVA_OPTIONS ARGS...
mhlr_spark_submit_command() {
  local job="$1" main="$2" dependencies="$3" java_options="$4"
  shift 4
  mhlr_split_at_dashes "$@"
  local given=(${mhlr_job_args[@]+"${mhlr_job_args[@]}"}) spark=() args=()
  set -- ${given[@]+"${given[@]}"}
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --master) spark+=("$1" "${2:-}"); [[ $# -ge 2 ]] && shift ;;
      --master=*) spark+=("${1%%=*}" "${1#*=}") ;;
      --conf) spark+=("$1" "${2:-}"); args+=("$1" "${2:-}"); [[ $# -ge 2 ]] && shift ;;
      --conf=*) spark+=("${1%%=*}" "${1#*=}"); args+=("$1") ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  local passthrough=() jars="${dependencies//:/,}"
  set -- ${mhlr_submit_args[@]+"${mhlr_submit_args[@]}"}
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --driver-java-options) java_options="$java_options ${2:-}"; [[ $# -ge 2 ]] && shift ;;
      --driver-java-options=*) java_options="$java_options ${1#*=}" ;;
      --jars) jars="$jars,${2:-}"; [[ $# -ge 2 ]] && shift ;;
      --jars=*) jars="$jars,${1#*=}" ;;
      *) passthrough+=("$1") ;;
    esac
    shift
  done
  local name=()
  if ! mhlr_conf_sets spark.app.name ${spark[@]+"${spark[@]}"} ${passthrough[@]+"${passthrough[@]}"}; then
    name=(--name "$(mhlr_application_name "$job" ${args[@]+"${args[@]}"})")
  fi
  mhlr_submit_command=(${spark[@]+"${spark[@]}"} ${name[@]+"${name[@]}"} ${passthrough[@]+"${passthrough[@]}"}
    --class "$main" --jars "$jars" --driver-java-options "$java_options")
  mhlr_job_args=(${args[@]+"${args[@]}"})
}

# The embedded run's view of "-- OPTIONS": fills mhlr_job_args (the job's arguments, with --master and --conf
# added) and mhlr_driver_options (JVM options: -Xmx from the driver memory, --driver-java-options). Exits 2 naming
# an option only spark-submit can apply. Arguments: COMMAND ARGS...
mhlr_embedded_arguments() {
  local command="$1"
  shift
  mhlr_split_at_dashes "$@"
  mhlr_driver_options=()
  local memory="" words=()
  set -- ${mhlr_submit_args[@]+"${mhlr_submit_args[@]}"}
  while [[ $# -gt 0 ]]; do
    local option="$1" value=""
    if [[ "$option" == --*=* ]]; then
      value="${option#*=}"; option="${option%%=*}"
    elif [[ $# -ge 2 ]]; then
      value="$2"; shift
    fi
    case "$option" in
      --driver-memory|--driver-java-options|--conf|--name|--master|--executor-memory|--executor-cores|\
      --total-executor-cores|--num-executors)
        if [[ -z "$value" ]]; then
          echo "$command: $option after -- needs a value" >&2
          exit 2
        fi ;;
    esac
    case "$option" in
      --driver-memory) memory="$value" ;;
      --driver-java-options) read -r -a words <<< "$value"; mhlr_driver_options+=(${words[@]+"${words[@]}"}) ;;
      --conf) mhlr_job_args+=(--conf "$value") ;;
      --name) mhlr_job_args+=(--conf "spark.app.name=$value") ;;
      --master) mhlr_job_args+=(--master "$value") ;;
      --executor-memory) mhlr_job_args+=(--conf "spark.executor.memory=$value") ;;
      --executor-cores) mhlr_job_args+=(--conf "spark.executor.cores=$value") ;;
      --total-executor-cores) mhlr_job_args+=(--conf "spark.cores.max=$value") ;;
      --num-executors) mhlr_job_args+=(--conf "spark.executor.instances=$value") ;;
      *)
        echo "$command: $option after -- is a spark-submit option the embedded launcher cannot apply: set SPARK_HOME" \
          "to run through spark-submit (embedded, -- takes --driver-memory, --driver-java-options, --conf, --name," \
          "--master, --executor-memory, --executor-cores, --total-executor-cores, --num-executors)" >&2
        exit 2 ;;
    esac
    shift
  done
  local previous="" arg
  for arg in ${mhlr_job_args[@]+"${mhlr_job_args[@]}"}; do
    [[ "$previous" == "--conf" && "$arg" == spark.driver.memory=* ]] && memory="${arg#*=}"
    [[ "$arg" == --conf=spark.driver.memory=* ]] && memory="${arg#--conf=spark.driver.memory=}"
    previous="$arg"
  done
  if [[ -n "$memory" ]]; then
    mhlr_driver_options+=("-Xmx$memory")
    if ! mhlr_conf_sets spark.driver.memory ${mhlr_job_args[@]+"${mhlr_job_args[@]}"}; then
      mhlr_job_args+=(--conf "spark.driver.memory=$memory")
    fi
  fi
}
