#!/usr/bin/env bash
# Fuzzes one Jazzer target for a while: dataplane/fuzz.sh TARGET_CLASS SECONDS
# The build's own short runs use the @FuzzTest maxDuration; this runs the same target through
# Jazzer's libFuzzer-style driver with -max_total_time, reusing the seeds as the corpus.
set -euo pipefail
target=${1:?usage: fuzz.sh FrameProcessorFuzzTest|DnsMessageReaderFuzzTest SECONDS}
seconds=${2:-600}
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/.."
case "$target" in
  FrameProcessorFuzzTest) class=dev.swarmnet.dataplane.pipeline.FrameProcessorFuzzTest ;;
  DnsMessageReaderFuzzTest) class=dev.swarmnet.dataplane.wire.dns.DnsMessageReaderFuzzTest ;;
  *) echo "unknown fuzz target '$target' (FrameProcessorFuzzTest or DnsMessageReaderFuzzTest)" >&2; exit 2 ;;
esac
mvn -B -q -pl native,dataplane -am test-compile -Dfuzz.skip=true
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl dataplane dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
classpath="dataplane/target/test-classes:dataplane/target/classes:$(cat "$cp_file")"
corpus="dataplane/target/fuzz-corpus/$target"
mkdir -p "$corpus"
seeds=$(find dataplane/src/test/resources -type d -path "*${target}Inputs/*" | head -1)
exec java -cp "$classpath" com.code_intelligence.jazzer.Jazzer \
  --target_class="$class" --instrumentation_includes='dev.swarmnet.**' \
  "-max_total_time=$seconds" "$corpus" ${seeds:+"$seeds"}
