#!/usr/bin/env bash
# The sweep benchmark (issue 13): publishes the CLI (skip with BENCH_SKIP_PUBLISH=1 when artifacts/cli/attrmapper is
# current), then bench/AttrMapper.SweepBench sweeps 100,000 scripted users through it and writes bench/SWEEP-RESULTS.md.
# BENCH_USERS / BENCH_NEW_USERS change the pool sizes (e.g. BENCH_USERS=10000 for a quick look).
set -eu -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ "${BENCH_SKIP_PUBLISH:-0}" != 1 ] || [ ! -x artifacts/cli/attrmapper ]; then
  bash scripts/publish-cli.sh
fi
dotnet run -c Release --project bench/AttrMapper.SweepBench -- \
  --cli "$root/artifacts/cli/attrmapper" --users "${BENCH_USERS:-100000}" --new-users "${BENCH_NEW_USERS:-10000}" \
  --results "${BENCH_OUT:-$root/bench/SWEEP-RESULTS.md}"
