#!/usr/bin/env python3
"""Writes a benchmark corpus: N Ingresses (two paths, TLS, two annotations
each), optionally mixed with other kinds that the tool must skip cheaply.

usage: gen_corpus.py N OUT.yaml [--other-ratio 0.9]
"""
import sys


def ingress(i):
    ns = f"ns{i % 50}"
    host = f"app{i}.example.com"
    return f"""---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app{i}
  namespace: {ns}
  annotations:
    nginx.ingress.kubernetes.io/ssl-redirect: "true"
    nginx.ingress.kubernetes.io/proxy-body-size: 8m
spec:
  ingressClassName: nginx
  tls:
  - hosts:
    - {host}
    secretName: app{i}-tls
  rules:
  - host: {host}
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web{i}
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: api{i}
            port:
              number: 8080
"""


def other(i):
    return f"""---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker{i}
  namespace: ns{i % 50}
  labels:
    app: worker{i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker{i}
  template:
    metadata:
      labels:
        app: worker{i}
    spec:
      containers:
      - name: main
        image: registry.example.com/worker:{i}
        args: ["--port", "8080", "--verbose"]
        ports:
        - containerPort: 8080
"""


def main():
    args = sys.argv[1:]
    ratio = 0.0
    if "--other-ratio" in args:
        k = args.index("--other-ratio")
        ratio = float(args[k + 1])
        del args[k:k + 2]
    n, out = int(args[0]), args[1]
    others_per_ingress = ratio / (1 - ratio) if ratio else 0
    with open(out, "w") as f:
        f.write("apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n"
                "spec:\n  controller: k8s.io/ingress-nginx\n")
        owed = 0.0
        for i in range(n):
            f.write(ingress(i))
            owed += others_per_ingress
            while owed >= 1:
                f.write(other(i * 10 + int(owed)))
                owed -= 1


if __name__ == "__main__":
    main()
