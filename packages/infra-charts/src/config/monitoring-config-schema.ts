import { z } from 'zod';
import { DNS1123_LABEL } from './names.js';

/** The receiver that every alert reaches when nothing else is configured: recorded in Alertmanager, sent nowhere. */
export const NULL_RECEIVER = 'null';

const labelKey = /^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
const labels = z.record(
  z.string().regex(labelKey, { error: 'must be a label key like "release" or "example.com/team"' }),
  z.string().regex(labelValue, { error: 'must be a label value (at most 63 letters, digits, "-", "_", ".")' }),
);
const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/(\d|[12]\d|3[0-2])$/, { error: 'must be an IPv4 CIDR like "10.0.0.0/16"' });
const receiverName = z
  .string()
  .regex(DNS1123_LABEL, { error: 'must be a receiver name (lowercase letters, digits, "-")' })
  .refine((n) => n !== NULL_RECEIVER, { error: `"${NULL_RECEIVER}" is the built-in receiver that drops alerts` });

/**
 * Where alerts go. Secret values (Slack API URL, SMTP password, webhook bearer token) are never in this file:
 * Alertmanager reads them from the Secret `alertmanager-receivers` (docs/security.md), key `<name>-<what>`.
 */
export const receiverSchema = z.discriminatedUnion('type', [
  z.strictObject({
    name: receiverName,
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL like "https://hooks.example.com/alerts"' }),
    /** Send `Authorization: Bearer` with the Secret key `<name>-token`. @default false */
    bearerToken: z.boolean().default(false),
  }),
  z.strictObject({
    name: receiverName,
    type: z.literal('slack'),
    channel: z.string().regex(/^[#@]?[\w.-]{1,80}$/, { error: 'must be a Slack channel like "#mlops-alerts"' }),
  }),
  z.strictObject({
    name: receiverName,
    type: z.literal('email'),
    to: z.email({ error: 'must be an e-mail address' }),
    from: z.email({ error: 'must be an e-mail address' }),
    smarthost: z.string().regex(/^[\w.-]+:\d{1,5}$/, { error: 'must be "host:port" like "smtp.example.com:587"' }),
    /** SMTP user; its password is the Secret key `<name>-smtp-password`. @default no SMTP authentication */
    authUsername: z.string().min(1).optional(),
  }),
]);

/** Alert routing: by tenant first (team receivers), then by severity; the rest goes to the default receiver. */
export const alertingSchema = z.strictObject({
  receivers: z.array(receiverSchema).default([]),
  /** @default "null" (alerts are kept in Alertmanager, sent nowhere) */
  defaultReceiver: z.string().default(NULL_RECEIVER),
  /** Receiver of every `severity: critical` alert. @default the default receiver */
  criticalReceiver: z.string().optional(),
  /** Tenant name -> receiver of that tenant's alerts (they also follow the severity route). @default {} */
  tenantReceivers: z.record(z.string(), z.string()).default({}),
  /** The only addresses Alertmanager may send to (webhook, Slack, SMTP). @default [] (no egress but DNS) */
  egressCidrs: z.array(cidr).default([]),
});

/** Where kube-prometheus-stack runs and which labels its Prometheus selects by; defaults are the chart's. */
export const operatorSchema = z.strictObject({
  /** @default "monitoring" */
  namespace: z.string().regex(DNS1123_LABEL, { error: 'must be a namespace name' }).default('monitoring'),
  /** Helm release name of the stack. @default "kube-prometheus-stack" */
  release: z.string().regex(DNS1123_LABEL, { error: 'must be a Helm release name' }).default('kube-prometheus-stack'),
  /** Labels the stack's Prometheus selects PodMonitors by. @default { release: <release> } */
  podMonitorSelector: labels.optional(),
  /** Labels the stack's Prometheus selects PrometheusRules by. @default { release: <release> } */
  ruleSelector: labels.optional(),
  /** Labels of the stack's Prometheus pods: only they may scrape tenants. @default the operator's labels for <release>-prometheus */
  prometheusPodLabels: labels.optional(),
});

export const monitoringSchema = z.strictObject({
  mode: z.enum(['standalone', 'operator']),
  /** Where each alert's runbook_url points (an anchor per alert is appended). @default "docs/runbooks.md" */
  runbookBaseUrl: z.string().min(1).default('docs/runbooks.md'),
  operator: operatorSchema.default({ namespace: 'monitoring', release: 'kube-prometheus-stack' }),
  alerting: alertingSchema.default({
    receivers: [],
    defaultReceiver: NULL_RECEIVER,
    tenantReceivers: {},
    egressCidrs: [],
  }),
});

export type MonitoringConfig = z.output<typeof monitoringSchema>;
export type AlertingConfig = z.output<typeof alertingSchema>;
export type ReceiverConfig = z.output<typeof receiverSchema>;
export type OperatorConfig = z.output<typeof operatorSchema>;
