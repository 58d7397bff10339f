#!/usr/bin/python3
"""Validates golden JSON and SARIF findings outputs against their schemas.

Usage: validate_findings.py SOURCE_DIR
A golden case (a folder with `args`) whose command line asks for
`--format json|sarif` (lint) or `--findings-format json|sarif` (convert,
findings on standard error) has its output validated: expected.stdout for
lint, expected.stderr for convert. Exits 1 on any error, and when no
output of either format was found, or none of a format has a finding with
properties (a test that checks nothing fails).
"""
import json
import pathlib
import sys

import jsonschema  # python3-jsonschema; missing means the test fails


def outputs(case):
    args = (case / "args").read_text().split("\n")
    command = {"lint": "--format", "convert": "--findings-format"}
    for flag in (command.get(args[0]),):
        if flag in args:
            fmt = args[args.index(flag) + 1]
            if fmt not in ("json", "sarif"):
                return
            yield fmt, case / ("expected.stdout" if flag == "--format" else "expected.stderr")


def main():
    root = pathlib.Path(sys.argv[1])
    schemas = {
        "sarif": json.loads((root / "tests/schemas/sarif-schema-2.1.0.json").read_text()),
        "json": json.loads((root / "docs/findings.schema.json").read_text()),
    }
    validators = {}
    for name, schema in schemas.items():
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validators[name] = cls(schema, format_checker=jsonschema.FormatChecker())
    checked = {"sarif": 0, "json": 0}
    with_properties = {"sarif": 0, "json": 0}
    failed = 0
    for args in sorted(root.glob("testdata/*/*/args")):
        for fmt, path in outputs(args.parent):
            doc = json.loads(path.read_text())
            errors = sorted(validators[fmt].iter_errors(doc), key=lambda e: list(e.path))
            for e in errors:
                print(f"{path}: {fmt}: {'/'.join(map(str, e.path))}: {e.message}")
            failed += bool(errors)
            checked[fmt] += 1
            results = doc["findings"] if fmt == "json" else doc["runs"][0]["results"]
            with_properties[fmt] += sum(1 for r in results if "properties" in r)
    print(f"validated {checked['sarif']} SARIF and {checked['json']} JSON outputs; {failed} invalid; "
          f"{with_properties['sarif']} SARIF and {with_properties['json']} JSON findings carry properties")
    # The structured fields (deprecatedIn, removedIn, replacement, ...) must
    # be exercised by at least one golden of each format.
    if failed or not checked["sarif"] or not checked["json"] or not all(with_properties.values()):
        sys.exit(1)


main()
