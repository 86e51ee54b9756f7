#!/usr/bin/env bash
# Runtime benchmarks against DESIGN.md §8, Native AOT side by side with the same code run by the JIT:
#   1. the real package (scripts/package.sh: AOT bootstrap + zip),
#   2. the same project published framework-dependent (-p:PublishAot=false) to its own folder, zipped alike,
#   3. the in-process handler benchmarks (BenchmarkDotNet, network excluded),
#   4. bench/AttrMapper.RuntimeBench: cold starts, 10,000 warm invocations, /proc CPU and memory; writes bench/RUNTIME-RESULTS.md.
# Quick look: BENCH_QUICK=1 (fewer starts and invocations, BenchmarkDotNet short job). Extra AOT environment for a trial:
# BENCH_AOT_ENV="DOTNET_GCgen0size=0x400000 ..." (recorded in the results file).
set -eu -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

aot="$root/artifacts/publish/x86_64/bootstrap"
aot_zip="$root/dist/attrmapper-x86_64.zip"
jit_dir="$root/artifacts/bench/publish-jit/x86_64"
jit_zip="$root/artifacts/bench/attrmapper-jit-x86_64.zip"
bdn_dir="$root/artifacts/bench/bdn"
out=${BENCH_OUT:-$root/bench/RUNTIME-RESULTS.md}

if [ "${BENCH_SKIP_PACKAGE:-0}" != 1 ] || [ ! -x "$aot" ]; then
  bash "$root/scripts/package.sh" x86_64
fi

# The JIT twin: same project, same Release configuration, only PublishAot off. Built under its own artifacts path, so
# the AOT package's obj/ folders are left alone.
if [ "${BENCH_SKIP_PACKAGE:-0}" != 1 ] || [ ! -x "$jit_dir/bootstrap" ]; then
  rm -rf "$jit_dir"
  dotnet publish "$root/function/AttrMapper.Bootstrap/AttrMapper.Bootstrap.csproj" \
    -c Release -r linux-x64 --self-contained false -p:PublishAot=false -p:TreatWarningsAsErrors=true \
    --artifacts-path "$root/artifacts/bench/jit-build" -o "$jit_dir" -nologo -v quiet
  python3 - "$jit_dir" "$jit_zip" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(dst, "w") as z:
    for name in sorted(os.listdir(src)):
        if name.endswith(".pdb"):
            continue
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = (0o100755 & 0xFFFF) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, name), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
PY
fi

quick=${BENCH_QUICK:-0}
if [ "${BENCH_SKIP_BDN:-0}" != 1 ]; then
  rm -rf "$bdn_dir"
  job=()
  if [ "$quick" = 1 ]; then job=(--job short); fi
  dotnet run -c Release --project "$root/bench/AttrMapper.Benchmarks" -- \
    --filter '*HandlerBenchmarks*' "${job[@]}" --exporters json --artifacts "$bdn_dir"
fi

sizes=()
if [ "$quick" = 1 ]; then sizes=(--cold 5 --warm-runs 1 --invocations 2000 --loop-only 500); fi
aot_env=()
for kv in ${BENCH_AOT_ENV:-}; do aot_env+=(--aot-env "$kv"); done

dotnet run -c Release --project "$root/bench/AttrMapper.RuntimeBench" -- \
  --aot "$aot" --aot-zip "$aot_zip" --jit "$jit_dir/bootstrap" --jit-zip "$jit_zip" \
  --bdn "$bdn_dir/results" --out "$out" --clock-ticks "$(getconf CLK_TCK)" \
  --commit "$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- function || echo '+uncommitted function changes')" \
  "${sizes[@]}" "${aot_env[@]}" ${BENCH_LABEL:+--label "$BENCH_LABEL"}
