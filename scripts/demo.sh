#!/usr/bin/env bash
# make demo: the whole migration on this machine. Builds what is missing (the x86_64 bootstrap, the attrmapper CLI, cognito-local's node_modules,
# the demo tool), then runs tools/AttrMapper.Demo in a process group of its own, so that whatever happens (normal end, failure,
# Ctrl-C, SIGTERM) every process it started - both cognito-local node processes and the bootstrap - is stopped before this exits.
set -eu -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bootstrap="$root/artifacts/publish/x86_64/bootstrap"
demo_dll="$root/tools/AttrMapper.Demo/bin/Debug/net10.0/AttrMapper.Demo.dll"
ttl=${MAP_CACHE_TTL_SECONDS:-2}

if [ ! -x "$bootstrap" ]; then
  echo "demo: packaging the x86_64 bootstrap first (scripts/package.sh x86_64)"
  bash scripts/package.sh x86_64
fi
# The operator's CLI: the demo edits and previews the map with it. The launcher republishes it when its sources changed.
cli="$root/artifacts/cli/attrmapper"
bash scripts/attrmapper --help >/dev/null
if [ ! -f tools/cognito-local/node_modules/cognito-local/lib/bin/start.js ]; then
  make --no-print-directory tools
fi
if ! build_log=$(dotnet build tools/AttrMapper.Demo/AttrMapper.Demo.csproj -nologo -v quiet 2>&1); then
  echo "$build_log" >&2
  exit 1
fi

pgid=""
group_alive() { [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; }
stop_group() {
  # The demo stops its own children; this is the backstop, bounded: 10 s of grace, then SIGKILL for whatever is left.
  group_alive || return 0
  kill -TERM "$pgid" 2>/dev/null || true
  for _ in $(seq 1 100); do group_alive || return 0; sleep 0.1; done
  echo "demo: processes still running after 10 s; killing process group $pgid" >&2
  kill -KILL -- "-$pgid" 2>/dev/null || true
}
on_signal() {
  trap - INT TERM HUP
  echo "demo: stopping..." >&2
  stop_group
  exit 130
}
trap on_signal INT TERM HUP
trap stop_group EXIT

# setsid: a new process group (pid = pgid) holding the demo, node and the bootstrap, so the backstop can signal all of them.
# SIGTERM rather than SIGINT is forwarded: a background job starts with SIGINT ignored, SIGTERM is always delivered.
# Extra arguments go to the demo tool: `make demo-split` passes --split (one pool per tenant).
# Success is the tool's exit status: it exits 1 when any step does not come out as it should, the cutover included (the
# sweep fails or takes the wrong users, a swept user's password sign-in reaches the function, the reset user cannot sign in).
setsid dotnet "$demo_dll" --repo "$root" --bootstrap "$bootstrap" --cli "$cli" --ttl "$ttl" "$@" &
pgid=$!
status=0
wait "$pgid" || status=$?
stop_group
exit "$status"
