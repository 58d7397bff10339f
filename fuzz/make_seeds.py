#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/corpus/ from the repository's own data.

convert: every input file under testdata/ up to 8 KiB, deduplicated, behind the
    option byte convert_fuzzer reads first (0 for YAML, 1 for a .json origin).
    Plus, per controller family and odd value (empty, "x", "X", "0", "-1",
    over-long, CR/LF, a bare scheme), one Ingress carrying every annotation
    of the family set to that value: no value may make an emitted object
    invalid, which the fuzzer checks.
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


ODD_VALUES = ["", "x", "X", "0", "-1", "true", "/" + "p" * 1100, "h" * 300,
              "/a\r\nSet-Cookie: x", "http://", "https://a.example.com, *", "GET, FOO"]


# The class each controller installs by default, so the family's rules apply.
CLASS_OF = {"traefik": "traefik", "haproxy": "haproxy", "aws-alb": "alb", "gke": "gce",
            "contour": "contour", "kong": "kong", "nginx-inc": "nginx-plus"}


def odd_value_seeds() -> None:
    import json
    for f in sorted((ROOT / "rules").glob("*/annotations.yaml")):
        text = f.read_text()
        prefixes = re.search(r"^prefixes: \[(.*)\]", text, re.M)
        prefix = ""
        for p in re.findall(r'"([^"]*)"', prefixes.group(1) if prefixes else ""):
            if p and not prefix:
                prefix = p
        keys = re.findall(r"^    key: (\S+)", text, re.M)
        family = re.search(r"^controller: (\S+)", text, re.M).group(1)
        cls = CLASS_OF.get(family, "nginx")
        for value in ODD_VALUES:
            lines = ["apiVersion: networking.k8s.io/v1", "kind: Ingress", "metadata:",
                     "  name: odd", "  namespace: apps", "  annotations:"]
            for k in keys:
                key = k if "/" in k else prefix + k
                lines.append(f"    {json.dumps(key)}: {json.dumps(value)}")
            lines += ["spec:", f"  ingressClassName: {cls}", "  tls:", "  - hosts: [a.example.com]",
                      "    secretName: tls", "  rules:", "  - host: a.example.com", "    http:",
                      "      paths:", "      - path: /", "        pathType: Prefix", "        backend:",
                      "          service: {name: web, port: {number: 80}}"]
            write("convert", bytes([8]) + ("\n".join(lines) + "\n").encode())


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
    odd_value_seeds()
    rules_seeds()
    if len(sys.argv) == 3 and sys.argv[1] == "--merge":
        for kind in ("convert", "rules"):
            merge(pathlib.Path(sys.argv[2]).resolve(), kind)


if __name__ == "__main__":
    main()
