#!/usr/bin/env bash
# Publishes the operator CLI as one Native AOT executable: artifacts/cli/attrmapper (this machine's architecture).
set -eu -o pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) echo "publish-cli: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
out="$root/artifacts/cli"
rm -rf "$out"
dotnet publish "$root/tools/AttrMapper.Cli/AttrMapper.Cli.csproj" \
  -c Release -r "$rid" -o "$out" -p:TreatWarningsAsErrors=true -nologo -v quiet
rm -f "$out"/*.dbg "$out"/*.pdb
mv "$out/AttrMapper.Cli" "$out/attrmapper"
"$out/attrmapper" --help >/dev/null
printf 'wrote %s (%s bytes)\n' "${out#$root/}/attrmapper" "$(stat -c %s "$out/attrmapper")"
