#!/usr/bin/env python3
"""Adds up every test result the run produced and prints the one line CI reads: `N passed, N failed`.

Reads the TRX files `dotnet test` wrote and the `*.counts` files other suites (terraform test) wrote
as `passed failed`. Exits non-zero when anything failed or when nothing ran at all.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def main(results_dir: str) -> int:
    root = pathlib.Path(results_dir)
    passed = failed = skipped = 0
    for trx in sorted(root.rglob("*.trx")):
        counters = ET.parse(trx).getroot().find(f"{NS}ResultSummary/{NS}Counters")
        if counters is None:
            print(f"{trx}: no counters", file=sys.stderr)
            failed += 1
            continue
        p = int(counters.get("passed", 0))
        f = int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
        s = int(counters.get("notExecuted", 0))
        unit = ET.parse(trx).getroot().find(f"{NS}TestDefinitions/{NS}UnitTest")
        label = pathlib.Path(unit.get("storage", trx.stem)).stem if unit is not None else trx.stem
        print(f"  {label}: {p} passed, {f} failed, {s} skipped")
        passed, failed, skipped = passed + p, failed + f, skipped + s
    for counts in sorted(root.rglob("*.counts")):
        p, f = (int(x) for x in counts.read_text().split()[:2])
        print(f"  {counts.stem}: {p} passed, {f} failed")
        passed, failed = passed + p, failed + f
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results"))
