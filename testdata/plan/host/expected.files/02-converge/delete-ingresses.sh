#!/bin/sh
# Phase 2: converge. Deletes the Ingresses the Gateways replaced, one step
# at a time: run step N only once the hosts of 01-coexist/<N>-*/ point at
# the Gateway and traffic looks right. ROLLBACK.md says how to undo a step.
# usage: sh delete-ingresses.sh STEP|all   (STEP: 1 to 4)
set -eu

# The plan was made for this kubectl context; the script refuses any other.
CONTEXT=test-cluster
if [ -z "$CONTEXT" ] || ! kubectl config get-contexts -o name | grep -qxF "$CONTEXT"; then
  echo "kubectl context '$CONTEXT' not found; this plan was made for it" >&2
  exit 2
fi

step=${1:?usage: sh delete-ingresses.sh STEP|all}
case $step in
  all) ;;
  *[!0-9]*|'') echo "unknown step: $step" >&2; exit 2 ;;
  *) if [ "$step" -lt 1 ] || [ "$step" -gt 4 ]; then echo "no step $step (1 to 4)" >&2; exit 2; fi ;;
esac

# An IngressClass goes only when no Ingress in the cluster names it any more
# (the input may not hold every Ingress of the cluster).
delete_class_if_unused() {
  if kubectl --context "$CONTEXT" get ingress -A -o jsonpath='{range .items[*]}{.spec.ingressClassName}{"\n"}{.metadata.annotations.kubernetes\.io/ingress\.class}{"\n"}{end}' | grep -qxF "$1"; then
    echo "IngressClass $1 is still used; kept" >&2
  else
    kubectl --context "$CONTEXT" delete ingressclass "$1"
  fi
}

# 01-grafana.internal.example.com
if [ "$step" = all ] || [ "$step" = 1 ]; then
  kubectl --context "$CONTEXT" delete ingress -n tools grafana
  delete_class_if_unused nginx-internal
fi

# 02-blog.example.com
if [ "$step" = all ] || [ "$step" = 2 ]; then
  : # nothing is deleted in this step
fi

# 03-shop.example.com
if [ "$step" = all ] || [ "$step" = 3 ]; then
  kubectl --context "$CONTEXT" delete ingress -n shop api
  kubectl --context "$CONTEXT" delete ingress -n shop web
  kubectl --context "$CONTEXT" delete ingress -n shop web-canary
fi

# 04-www.example.com
if [ "$step" = all ] || [ "$step" = 4 ]; then
  kubectl --context "$CONTEXT" delete ingress -n blog blog
  kubectl --context "$CONTEXT" delete ingress -n marketing www
fi
