#!/bin/sh
# Phase 2: converge. Deletes the Ingresses the Gateways replaced, one step
# at a time: run step N only once the hosts of 01-coexist/<N>-*/ point at
# the Gateway and traffic looks right. ROLLBACK.md says how to undo a step.
# usage: sh delete-ingresses.sh STEP|all   (STEP: 1 to 3)
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
  *) if [ "$step" -lt 1 ] || [ "$step" -gt 3 ]; then echo "no step $step (1 to 3)" >&2; exit 2; fi ;;
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

# 01-team-a
if [ "$step" = all ] || [ "$step" = 1 ]; then
  : # nothing is deleted in this step
fi

# 02-team-b
if [ "$step" = all ] || [ "$step" = 2 ]; then
  kubectl --context "$CONTEXT" delete ingress -n team-b b
fi

# 03-team-c
if [ "$step" = all ] || [ "$step" = 3 ]; then
  kubectl --context "$CONTEXT" delete ingress -n team-a a
  kubectl --context "$CONTEXT" delete ingress -n team-c c
fi
