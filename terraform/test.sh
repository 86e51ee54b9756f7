#!/usr/bin/env bash
# Offline checks of the Terraform module and its examples (complete, tenant-split): fmt, init + validate, and
# `terraform test` with a mocked AWS provider. Needs only `terraform` and a filesystem mirror of hashicorp/aws 5.100.x;
# never calls AWS or a registry.
# Prints "N passed, M failed" for the terraform test runs at the end and exits non-zero on any failure.
#   TF_PROVIDER_MIRROR=/path/to/mirror bash terraform/test.sh    # to skip the mirror search
#   bash terraform/test.sh RESULTS_DIR    # also writes RESULTS_DIR/terraform.counts ("passed failed") for the run's summary
set -eu -o pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
module_dir=$here
example_dir=$here/examples/complete
split_dir=$here/examples/tenant-split

command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/attrmapper-tf.XXXXXX")
created_locks=()
cleanup() {
  local f
  for f in "${created_locks[@]+"${created_locks[@]}"}"; do rm -f "$f"; done
  rm -rf "$work"
}
trap cleanup EXIT

# --- the provider mirror: <root>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws_* ---
find_mirror() {
  local candidates=(/opt/tf-plugins "$HOME/.terraform.d/plugins" "$HOME/.local/share/terraform/plugins"
    /usr/local/share/terraform/plugins /usr/share/terraform/plugins)
  local bin="" c
  for c in "${candidates[@]}"; do
    [ -d "$c/registry.terraform.io/hashicorp/aws" ] || continue
    bin=$(find "$c/registry.terraform.io/hashicorp/aws" -name 'terraform-provider-aws*' -type f -print -quit 2>/dev/null)
    [ -n "$bin" ] && break
  done
  if [ -z "$bin" ]; then
    bin=$(find / -xdev -path '*/registry.terraform.io/hashicorp/aws/*' -name 'terraform-provider-aws*' -type f \
      -print -quit 2>/dev/null || true)
  fi
  [ -n "$bin" ] || return 1
  echo "${bin%%/registry.terraform.io/*}"
}
mirror=${TF_PROVIDER_MIRROR:-}
if [ -z "$mirror" ]; then
  mirror=$(find_mirror) || { echo "no filesystem mirror of registry.terraform.io/hashicorp/aws found" >&2; exit 2; }
fi
ls "$mirror"/registry.terraform.io/hashicorp/aws/ | grep -q '^5\.100\.' \
  || { echo "mirror $mirror has no hashicorp/aws 5.100.x (versions.tf pins ~> 5.100)" >&2; exit 2; }
echo "provider mirror: $mirror ($(ls "$mirror"/registry.terraform.io/hashicorp/aws/ | tr '\n' ' '))"

cat >"$work/cli.tfrc" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
CONFIG
export TF_CLI_CONFIG_FILE=$work/cli.tfrc
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_WORKSPACE

# --- dummy deployment zips: the module hashes the file and checks its name against the architecture ---
mkdir -p "$work/dist"
printf '#!/bin/sh\nexit 0\n' >"$work/dist/bootstrap"
chmod +x "$work/dist/bootstrap"
(cd "$work/dist" && python3 - <<'PY' 2>/dev/null || { command -v zip >/dev/null && zip -q attrmapper-x86_64.zip bootstrap; })
import zipfile
with zipfile.ZipFile("attrmapper-x86_64.zip", "w") as z:
    z.write("bootstrap")
PY
[ -f "$work/dist/attrmapper-x86_64.zip" ] || { echo "could not build the dummy zip (need python3 or zip)" >&2; exit 2; }
cp "$work/dist/attrmapper-x86_64.zip" "$work/dist/attrmapper-arm64.zip"
package=$work/dist/attrmapper-x86_64.zip

# --- steps: each runs, failures are recorded, the summary always prints ---
failed_steps=()
tests_passed=0
tests_failed=0

step() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then echo "   ok"; else failed_steps+=("$name"); echo "   FAILED: $name"; fi
}

# TF_DATA_DIR per directory keeps .terraform/ out of the repo; a lock file init creates is removed again (gitignored:
# the mirror holds one platform, so its lock file would not be portable).
tf_in() {
  local dir=$1
  shift
  TF_DATA_DIR="$work/data-$(basename "$dir")" terraform -chdir="$dir" "$@"
}
init_validate() {
  local dir=$1
  [ -f "$dir/.terraform.lock.hcl" ] || created_locks+=("$dir/.terraform.lock.hcl")
  tf_in "$dir" init -backend=false -input=false -no-color >"$work/init-$(basename "$dir").log" 2>&1 \
    || { cat "$work/init-$(basename "$dir").log"; return 1; }
  tf_in "$dir" validate -no-color
}
run_tests() {
  local dir=$1 log
  log="$work/test-$(basename "$dir").log"
  local rc=0
  tf_in "$dir" test -no-color -var "package_path=$package" 2>&1 | tee "$log" || rc=$?
  # Summary line: "Success! 39 passed, 0 failed." or "Failure! 5 passed, 1 failed, 6 skipped."
  local summary p f s
  summary=$(grep -Eo '[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?' "$log" | tail -1 || true)
  if [ -z "$summary" ]; then
    echo "   no test summary from terraform test in $dir: counted as 1 failed"
    tests_failed=$((tests_failed + 1))
    return 1
  fi
  p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$summary")
  f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$summary")
  s=$(grep -Eo '[0-9]+ skipped' <<<"$summary" | grep -Eo '[0-9]+' || echo 0)
  # A run skipped because an earlier one in its file failed never proved anything: count it as failed.
  tests_passed=$((tests_passed + p))
  tests_failed=$((tests_failed + f + s))
  [ "$rc" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]
}

step "terraform fmt -check -recursive" terraform fmt -check -recursive -diff -no-color "$here"
step "init + validate: module" init_validate "$module_dir"
step "init + validate: examples/complete" init_validate "$example_dir"
step "init + validate: examples/tenant-split" init_validate "$split_dir"
step "terraform test: module" run_tests "$module_dir"
step "terraform test: examples/complete" run_tests "$example_dir"
step "terraform test: examples/tenant-split" run_tests "$split_dir"

echo
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'failed step: %s\n' "${failed_steps[@]}"
fi
# A failed fmt/init/validate step is a failed check too, even though no terraform test counted it.
checks_failed=$tests_failed
for s in "${failed_steps[@]+"${failed_steps[@]}"}"; do case "$s" in "terraform test"*) ;; *) checks_failed=$((checks_failed + 1)) ;; esac; done
echo "$tests_passed passed, $checks_failed failed"
if [ -n "${1:-}" ]; then mkdir -p "$1" && echo "$tests_passed $checks_failed" >"$1/terraform.counts"; fi
[ ${#failed_steps[@]} -eq 0 ] && [ "$tests_failed" -eq 0 ]
