#!/usr/bin/env python3
"""One Ingress with N regex paths on one host (use-regex), the input of
bench/verify_paths.sh. Every path has a distinct literal start, as real
regex path lists mostly do, plus a few that start with a regex at once.

    gen_regex_paths.py N OUT.yaml
"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w") as f:
    f.write("""apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: regex
  namespace: bench
  annotations:
    nginx.ingress.kubernetes.io/use-regex: "true"
spec:
  ingressClassName: nginx
  rules:
  - host: regex.example.com
    http:
      paths:
""")
    for i in range(n):
        # One path in 100 has no literal start: every request must try it.
        path = f"/(v{i}|w{i})/.*" if i % 100 == 0 else f"/svc{i}/api(/|$)(.*)"
        f.write(f"""      - path: {path}
        pathType: ImplementationSpecific
        backend:
          service:
            name: svc{i}
            port:
              number: 80
""")
