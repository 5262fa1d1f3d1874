import { GRAFANA_SECRET, MINIO_SECRETS, TENANT_CREDENTIALS_SUFFIX, TRAINER_SECRET } from '@mlops/shared/contract';
import { ALERTMANAGER_SECRET } from '../addons/monitoring/alertmanager-config.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from '../config/names.js';
import { allContainers, podSpecOf } from '../guardrails/pod-templates.js';
import { describeManifest, type ManifestFile } from '../manifest/manifest.js';
import type { Check } from './isolation-checks.js';
import { type LabelSelector, matchesSelector } from './label-selector.js';

/** Secrets the manifests reference but, by design, never define: the cluster tool or the operator creates them. */
export const EXTERNAL_SECRET_PATTERNS: readonly RegExp[] = [
  new RegExp(`${TENANT_CREDENTIALS_SUFFIX}$`),
  ...[MINIO_SECRETS.root, MINIO_SECRETS.users, TRAINER_SECRET, GRAFANA_SECRET, ALERTMANAGER_SECRET].map(
    (name) => new RegExp(`^${name}$`),
  ),
];

const LABEL_NAMED = new Set(['Service', 'Namespace']);

/** Rules an API server or controller would enforce or trip over, checked before anything is applied. */
export function checkApiServerRules(files: readonly ManifestFile[]): Check[] {
  const manifests = files.flatMap((f) => f.documents);
  const problems: string[] = [];
  const templates = new Map<string | undefined, Array<Record<string, string>>>();
  for (const m of manifests) {
    const labels = (m.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template
      ?.metadata?.labels;
    if (podSpecOf(m) && labels)
      templates.set(m.metadata.namespace, [...(templates.get(m.metadata.namespace) ?? []), labels]);
  }
  const selectsPods = (namespace: string | undefined, selector: LabelSelector) =>
    (templates.get(namespace) ?? []).some((labels) => matchesSelector(selector, labels));
  const keys = new Set(manifests.map((m) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`));
  const exists = (kind: string, namespace: string | undefined, name: string) =>
    keys.has(`${kind}/${namespace ?? ''}/${name}`);
  for (const m of manifests) {
    const what = describeManifest(m);
    const spec = (m.spec ?? {}) as Record<string, unknown>;
    const nameRule = LABEL_NAMED.has(m.kind) ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
    if (
      !nameRule.test(m.metadata.name.replace(/:/g, '-')) ||
      m.metadata.name.length > (LABEL_NAMED.has(m.kind) ? 63 : 253)
    )
      problems.push(`${what}: name is not a valid DNS-1123 ${LABEL_NAMED.has(m.kind) ? 'label' : 'subdomain'}`);
    if (
      (m.kind === 'Deployment' || m.kind === 'StatefulSet') &&
      !matchesSelector(
        spec.selector as LabelSelector,
        (spec.template as { metadata?: { labels?: Record<string, string> } })?.metadata?.labels ?? {},
      )
    ) {
      problems.push(`${what}: selector does not match the pod template labels`);
    }
    if (
      m.kind === 'Service' &&
      spec.selector &&
      !selectsPods(m.metadata.namespace, { matchLabels: spec.selector as Record<string, string> })
    )
      problems.push(`${what}: selector matches no pod template`);
    if (m.kind === 'PodDisruptionBudget' && !selectsPods(m.metadata.namespace, spec.selector as LabelSelector))
      problems.push(`${what}: selects no pods`);
    if (m.kind === 'HorizontalPodAutoscaler') {
      const ref = spec.scaleTargetRef as { kind: string; name: string };
      if (!exists(ref.kind, m.metadata.namespace, ref.name))
        problems.push(`${what}: scaleTargetRef ${ref.kind}/${ref.name} does not exist`);
    }
    const pod = podSpecOf(m);
    if (!pod) continue;
    for (const c of allContainers(pod)) {
      const names = (c.ports ?? []).flatMap((p) => (p.name ? [p.name] : []));
      for (const n of names)
        if (n.length > 15)
          problems.push(`${what}: container "${c.name}" port name "${n}" is longer than 15 characters`);
      if (new Set(names).size !== names.length)
        problems.push(`${what}: container "${c.name}" has duplicate port names`);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        const port = (c[probe] as { httpGet?: { port?: number | string } } | undefined)?.httpGet?.port;
        if (typeof port === 'string' && !names.includes(port))
          problems.push(`${what}: ${probe} of "${c.name}" uses undeclared port "${port}"`);
      }
      const refs = JSON.stringify(c);
      for (const [, name] of refs.matchAll(/"configMapRef":\{"name":"([^"]+)"/g))
        if (!exists('ConfigMap', m.metadata.namespace, name as string))
          problems.push(`${what}: ConfigMap ${name} is not defined`);
      for (const [, name] of refs.matchAll(/"(?:secretRef|secretKeyRef)":\{(?:"key":"[^"]*",)?"name":"([^"]+)"/g)) {
        if (
          !exists('Secret', m.metadata.namespace, name as string) &&
          !EXTERNAL_SECRET_PATTERNS.some((p) => p.test(name as string))
        )
          problems.push(`${what}: Secret ${name} is neither defined nor declared external`);
      }
    }
    for (const v of pod.volumes ?? []) {
      const cm = (v as { configMap?: { name: string } }).configMap?.name;
      if (cm && !exists('ConfigMap', m.metadata.namespace, cm))
        problems.push(`${what}: volume ConfigMap ${cm} is not defined`);
    }
  }
  return [
    {
      name: 'what an API server would reject (selectors, references, names, ports, probes)',
      ok: problems.length === 0,
      ...(problems.length ? { detail: problems.join('\n') } : {}),
    },
  ];
}
