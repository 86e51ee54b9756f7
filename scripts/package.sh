#!/usr/bin/env bash
# Publishes the Native AOT bootstrap for one architecture, checks it, and zips it for Lambda.
#   scripts/package.sh x86_64|arm64
set -eu -o pipefail
arch=${1:-x86_64}
case "$arch" in
  x86_64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "ARCH must be x86_64 or arm64, not '$arch'" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/publish/$arch"
zip="$root/dist/attrmapper-$arch.zip"
max_glibc=2.34

if [ "$arch" = arm64 ]; then "$root/scripts/install-arm64-toolchain.sh"; fi

rm -rf "$out"
dotnet publish "$root/function/AttrMapper.Bootstrap/AttrMapper.Bootstrap.csproj" \
  -c Release -r "$rid" -o "$out" -p:TreatWarningsAsErrors=true -nologo -v quiet

# AL2023 ships glibc 2.34: a symbol version newer than that would fail at load time in Lambda.
newest=$(objdump -T "$out/bootstrap" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -n 1)
if [ "$(printf '%s\n%s\n' "$newest" "$max_glibc" | sort -V | tail -n 1)" != "$max_glibc" ]; then
  echo "bootstrap needs glibc $newest, newer than AL2023's $max_glibc" >&2
  objdump -T "$out/bootstrap" | grep "GLIBC_$newest" >&2
  exit 1
fi
echo "glibc: newest symbol version needed is $newest (limit $max_glibc)"

# Smoke run: the binary starts, reaches the Runtime API and reports its missing configuration as an init error.
# Under qemu the guest's loader and libc must come from the same package: `-L /` takes both from libc6:arm64
# (multiarch). The cross toolchain's /usr/aarch64-linux-gnu ships its own ld.so whose private ABI can differ from
# libc6:arm64's libc.so.6 after a security update; that pairing spins forever in pthread_create.
runner=()
if [ "$arch" = arm64 ] && [ "$(uname -m)" != aarch64 ]; then runner=(qemu-aarch64-static -L /); fi
python3 "$root/scripts/smoke-bootstrap.py" "${runner[@]}" "$out/bootstrap"

mkdir -p "$root/dist"
python3 - "$out/bootstrap" "$zip" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
info = zipfile.ZipInfo("bootstrap", date_time=(2020, 1, 1, 0, 0, 0))
info.external_attr = (0o100755 & 0xFFFF) << 16
info.compress_type = zipfile.ZIP_DEFLATED
with open(src, "rb") as f, zipfile.ZipFile(dst, "w") as z:
    z.writestr(info, f.read(), compresslevel=9)
PY
printf 'wrote %s (%s bytes; bootstrap %s bytes)\n' "${zip#$root/}" "$(stat -c %s "$zip")" "$(stat -c %s "$out/bootstrap")"
