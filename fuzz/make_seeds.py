#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/corpus/ from the repository's own data.

convert: every input file under testdata/ up to 8 KiB, deduplicated, behind the
    option byte convert_fuzzer reads first (0 for YAML, 1 for a .json origin).
rules: the annotation rule files cut into pieces of a few rules each, so
    that every seed is small and still a loadable file.
Files are named by content hash, so rerunning it changes nothing unless the
data did. With --merge BUILD_DIR (a scripts/fuzz build), each corpus is then
cut down with libFuzzer's -merge=1 to the seeds that add coverage.
"""
import hashlib
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"
MAX_SEED = 8 << 10


def write(kind: str, data: bytes) -> None:
    path = OUT / kind / hashlib.sha1(data).hexdigest()[:16]
    path.write_bytes(data)


def convert_seeds() -> None:
    seen = set()
    for f in sorted((ROOT / "testdata").rglob("*")):
        if not f.is_file() or f.name.startswith("expected.") or f.name == "args":
            continue
        data = f.read_bytes()
        if len(data) > MAX_SEED or data in seen:
            continue
        seen.add(data)
        write("convert", bytes([1 if f.suffix == ".json" else 0]) + data)


def rules_seeds() -> None:
    for f in sorted((ROOT / "rules").glob("*/*.yaml")):
        if f.parent.name in ("controllers", "crd"):
            continue
        text = f.read_text()
        head, sep, body = text.partition("\nrules:\n")
        if not sep:
            continue
        rules = re.split(r"\n(?=  - id:)", body)
        for i in range(0, len(rules), 4):
            write("rules", (head + sep + "\n".join(rules[i:i + 4]).rstrip("\n") + "\n").encode())


def merge(build: pathlib.Path, kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        everything = pathlib.Path(tmp) / kind
        shutil.move(str(OUT / kind), everything)
        (OUT / kind).mkdir()
        subprocess.run([str(build / "fuzz" / f"{kind}_fuzzer"), "-merge=1", str(OUT / kind),
                        str(everything)], check=True, stderr=subprocess.DEVNULL)


def main() -> None:
    for kind in ("convert", "rules"):
        shutil.rmtree(OUT / kind, ignore_errors=True)
        (OUT / kind).mkdir(parents=True)
    convert_seeds()
    rules_seeds()
    if len(sys.argv) == 3 and sys.argv[1] == "--merge":
        for kind in ("convert", "rules"):
            merge(pathlib.Path(sys.argv[2]).resolve(), kind)


if __name__ == "__main__":
    main()
