import type { Manifest } from '../manifest/manifest.js';
import { LABEL_ROLE } from '../platform-constants.js';
import { IRSA_PORT, IRSA_S3_ANNOTATION, IRSA_STS_ANNOTATION } from '../tenant/to-irsa-egress.js';
import { JOB_BASE_NAME_LABEL } from '../workload/name-jobs-by-content.js';
import type { Check } from './isolation-checks.js';
import { inCidr, type LabelSelector, matchesSelector } from './label-selector.js';

interface PortRule {
  readonly protocol?: string;
  readonly port?: number | string;
  readonly endPort?: number;
}
interface EgressRule {
  readonly to?: ReadonlyArray<{ readonly ipBlock?: { readonly cidr: string; readonly except?: readonly string[] } }>;
  readonly ports?: readonly PortRule[];
}

const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
const bitsOf = (cidr: string) => Number(cidr.split('/')[1] ?? 32);
/** `outer` holds every address of `inner`. */
export const containsCidr = (outer: string, inner: string) =>
  bitsOf(outer) <= bitsOf(inner) && inCidr(inner.split('/')[0] ?? '', outer);
const overlaps = (a: string, b: string) => containsCidr(a, b) || containsCidr(b, a);
const allowsIrsaPort = (ports: readonly PortRule[] | undefined) =>
  !ports ||
  ports.length === 0 ||
  ports.some(
    (p) =>
      (p.protocol ?? 'TCP') === 'TCP' &&
      (p.port === undefined ||
        p.port === IRSA_PORT ||
        (typeof p.port === 'number' && p.endPort !== undefined && p.port <= IRSA_PORT && IRSA_PORT <= p.endPort)),
  );
const onlyIrsaPort = (ports: readonly PortRule[] | undefined) =>
  !!ports &&
  ports.length > 0 &&
  ports.every((p) => (p.protocol ?? 'TCP') === 'TCP' && p.port === IRSA_PORT && p.endPort === undefined);

/**
 * A tenant whose ServiceAccount assumes an IAM role (IRSA) must reach the STS and S3 endpoints it declares on
 * 443/TCP, and its NetworkPolicies must open those endpoints on nothing but 443/TCP and open no destination wholesale.
 * Works on dist/ alone: the endpoints come from the ServiceAccount's annotations, written by synth from the config.
 */
export function checkIrsaEgress(manifests: readonly Manifest[]): Check[] {
  const checks: Check[] = [];
  const tenants = new Set(
    manifests
      .filter((m) => m.kind === 'Namespace' && m.metadata.labels?.[LABEL_ROLE] === 'tenant')
      .map((m) => m.metadata.name),
  );
  // In a tenant namespace, the check is one instance of a per-tenant guarantee: summarised as one `<tenant>` line.
  const push = (ns: string, check: Check) =>
    checks.push(tenants.has(ns) ? { ...check, group: check.name.replaceAll(ns, '<tenant>') } : check);
  // Objects by namespace: each account looks only at its own namespace (linear in tenants, not quadratic).
  const byNamespace = new Map<string, Manifest[]>();
  for (const m of manifests) {
    const ns = m.metadata.namespace ?? 'default';
    const list = byNamespace.get(ns);
    if (list) list.push(m);
    else byNamespace.set(ns, [m]);
  }
  const accounts = manifests.filter(
    (m) => m.kind === 'ServiceAccount' && typeof annotationsOf(m)[ROLE_ANNOTATION] === 'string',
  );
  for (const sa of accounts) {
    const ns = sa.metadata.namespace ?? 'default';
    const annotations = annotationsOf(sa);
    const endpoints = { STS: listOf(annotations[IRSA_STS_ANNOTATION]), S3: listOf(annotations[IRSA_S3_ANNOTATION]) };
    const local = byNamespace.get(ns) ?? [];
    const pods = local.flatMap((m) => {
      const template = (
        m.spec as
          | { template?: { metadata?: { labels?: Record<string, string> }; spec?: { serviceAccountName?: string } } }
          | undefined
      )?.template;
      return m.metadata.namespace === ns && template?.spec?.serviceAccountName === sa.metadata.name
        ? [
            {
              id: `${ns}/${m.metadata.labels?.[JOB_BASE_NAME_LABEL] ?? m.metadata.name}`,
              labels: template.metadata?.labels ?? {},
            },
          ]
        : [];
    });
    if (pods.length === 0) {
      push(ns, {
        name: `${ns}: IRSA role of ${sa.metadata.name} is used by a workload`,
        ok: false,
        detail: 'no pod template runs as this ServiceAccount',
      });
      continue;
    }
    for (const pod of pods) {
      const rules = egressRulesFor(local, ns, pod.labels);
      for (const [service, cidrs] of Object.entries(endpoints)) {
        const missing =
          cidrs.length === 0 ? ['(none declared)'] : cidrs.filter((c) => !rules.some((r) => reaches(r.rule, c)));
        push(ns, {
          name: `${pod.id} -> ${service} ${cidrs.join(', ') || '(none)'} ${IRSA_PORT}/TCP (IRSA): allowed`,
          ok: missing.length === 0,
          ...(missing.length
            ? {
                detail: `not reachable: ${missing.join(', ')}; declare it in objectStorage.irsaEgress and run pnpm synth`,
              }
            : {}),
        });
      }
      const declared = [...endpoints.STS, ...endpoints.S3];
      const excess: string[] = [];
      for (const c of declared) if (bitsOf(c) === 0) excess.push(`${c} is the whole internet, not an AWS endpoint`);
      for (const { policy, rule } of rules) {
        if (!rule.to || rule.to.length === 0) {
          excess.push(`${policy} allows egress to every destination`);
          continue;
        }
        for (const peer of rule.to) {
          const cidr = peer.ipBlock?.cidr;
          if (cidr && declared.some((d) => overlaps(d, cidr)) && !onlyIrsaPort(rule.ports))
            excess.push(`${policy} opens ${cidr} on more than ${IRSA_PORT}/TCP`);
        }
      }
      push(ns, {
        name: `${pod.id}: IRSA egress is ${IRSA_PORT}/TCP to its STS/S3 endpoints only`,
        ok: excess.length === 0,
        ...(excess.length ? { detail: excess.join('; ') } : {}),
      });
    }
  }
  return checks;
}

function reaches(rule: EgressRule, cidr: string): boolean {
  if (!allowsIrsaPort(rule.ports)) return false;
  if (!rule.to || rule.to.length === 0) return true;
  return rule.to.some(
    (peer) =>
      peer.ipBlock !== undefined &&
      containsCidr(peer.ipBlock.cidr, cidr) &&
      !(peer.ipBlock.except ?? []).some((e) => overlaps(e, cidr)),
  );
}

/** Egress rules of every policy in `namespace` that selects a pod with `labels` (policyTypes as the API server defaults them). */
function egressRulesFor(manifests: readonly Manifest[], namespace: string, labels: Record<string, string>) {
  return manifests.flatMap((m) => {
    if (m.kind !== 'NetworkPolicy' || (m.metadata.namespace ?? 'default') !== namespace) return [];
    const spec = (m.spec ?? {}) as { podSelector?: LabelSelector; policyTypes?: string[]; egress?: EgressRule[] };
    const types = spec.policyTypes ?? ['Ingress', ...(spec.egress ? ['Egress'] : [])];
    if (!types.includes('Egress') || !matchesSelector(spec.podSelector, labels)) return [];
    return (spec.egress ?? []).map((rule) => ({ policy: m.metadata.name, rule }));
  });
}

function annotationsOf(m: Manifest): Record<string, unknown> {
  return (m.metadata.annotations as Record<string, unknown> | undefined) ?? {};
}

function listOf(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(',') : [];
}
