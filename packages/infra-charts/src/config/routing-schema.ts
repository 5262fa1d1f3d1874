import { z } from 'zod';
import { checkLabelKey, checkLabelValue } from './label-rules.js';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN } from './names.js';

const addProblem = (ctx: z.RefinementCtx, message: string | undefined) => {
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** Why a text is not a DNS name usable as a hostname (RFC 1123, lowercase, at most 253 characters); undefined when fine. */
export function checkDnsName(value: string): string | undefined {
  if (value.length > 253) return `is ${value.length} characters; a DNS name has at most 253`;
  const bad = value.split('.').find((label) => label.length > 63 || !DNS1123_LABEL.test(label));
  if (!DNS1123_SUBDOMAIN.test(value) || bad !== undefined || !value.includes('.'))
    return `must be a DNS name of at least two labels (lowercase letters, digits, '-', each label 1-63 characters, e.g. "api.example.com")${bad ? `; "${bad}" is not a valid label` : ''}`;
  return undefined;
}

const dnsName = z.string().superRefine((value, ctx) => addProblem(ctx, checkDnsName(value)));

/** How tenants are reached from outside: Gateway API, Ingress, or not at all (port-forward only). */
export const ROUTING_MODES = ['gateway', 'ingress', 'none'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** cert-manager issuers: self-signed or a CA of your own (kind), ACME such as Let's Encrypt (EKS). */
export const ISSUER_TYPES = ['selfSigned', 'ca', 'acme'] as const;

const acmeSchema = z.strictObject({
  /** Where the ACME account's expiry notices go. */
  email: z.email({ error: 'must be an e-mail address for the ACME account, e.g. "platform@example.com"' }),
  /** @default Let's Encrypt production */
  server: z.url().default('https://acme-v02.api.letsencrypt.org/directory'),
  /** HTTP-01 (per-host certificates: Ingress mode, or custom hostnames) or DNS-01 (needed for the wildcard). */
  solver: z.enum(['http01', 'dns01']).default('http01'),
  /** The Route 53 zone DNS-01 writes to (cert-manager's ServiceAccount needs IRSA for it). @default - none */
  route53: z
    .strictObject({
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: 'must be an AWS region such as "eu-west-1"' }),
      /** @default - cert-manager finds the zone from the domain */
      hostedZoneID: z
        .string()
        .regex(/^Z[A-Z0-9]{1,32}$/, { error: 'must be a Route 53 hosted zone ID like "Z0123456789ABC"' })
        .optional(),
    })
    .optional(),
});

const tlsSchema = z.strictObject({
  /** Which cert-manager issuer signs the edge certificates. @default selfSigned */
  issuer: z.enum(ISSUER_TYPES).default('selfSigned'),
  /** For issuer `ca`: the Secret (tls.crt, tls.key) of your CA in cert-manager's namespace. @default - none */
  caSecretName: z.string().regex(DNS1123_SUBDOMAIN, { error: 'must be a Secret name (DNS-1123 subdomain)' }).optional(),
  /** For issuer `acme`. @default - none */
  acme: acmeSchema.optional(),
});

/** Pods of the gateway implementation, admitted to the tenants' API port by their NetworkPolicy. */
const edgePodsSchema = z.strictObject({
  namespace: z.string().regex(DNS1123_LABEL, { error: 'must be a namespace name (DNS-1123 label)' }),
  podLabels: z
    .record(
      z.string().superRefine((key, ctx) => addProblem(ctx, checkEdgeLabelKey(key))),
      z.string().superRefine((value, ctx) => addProblem(ctx, checkLabelValue(value))),
    )
    .refine((labels) => Object.keys(labels).length > 0, {
      error: 'must name at least one label: an empty selector would admit every pod of the namespace',
    }),
});

/** Gateway implementations label their pods with keys under reserved prefixes (app.kubernetes.io/…), which is fine here. */
function checkEdgeLabelKey(key: string): string | undefined {
  const problem = checkLabelKey(key);
  return problem?.startsWith('is a reserved label key') ? undefined : problem;
}

/** A profile's `routing` section: how consumers reach each tenant's API over TLS (docs/edge.md). */
export const routingSchema = z.strictObject({
  mode: z.enum(ROUTING_MODES, { error: `must be one of ${ROUTING_MODES.join(', ')}` }).default('none'),
  /** Tenants get `<tenant>.<baseDomain>`; required when mode is not `none`. @default - none */
  baseDomain: dnsName.optional(),
  /** Tenant name → its hostname, instead of `<tenant>.<baseDomain>`. */
  hostnames: z.record(z.string(), dnsName).default({}),
  /** GatewayClass (gateway mode) or IngressClass (ingress mode). @default "eg" (Envoy Gateway) or "nginx" */
  className: z.string().regex(DNS1123_SUBDOMAIN, { error: 'must be a class name (DNS-1123 subdomain)' }).optional(),
  /** @default - Envoy Gateway's proxies (gateway mode) or the ingress-nginx controller (ingress mode) */
  edgePods: edgePodsSchema.optional(),
  tls: tlsSchema.default({ issuer: 'selfSigned' }),
  /** Answer plain HTTP with a redirect to HTTPS (nothing else is served on port 80). @default true */
  httpsRedirect: z.boolean().default(true),
});

export type RoutingConfig = z.output<typeof routingSchema>;
