import { LABEL_TENANT } from '../platform-constants.js';

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Prefixes the platform or Kubernetes set themselves; a tenant label there would be dropped or clash. */
export const RESERVED_LABEL_PREFIXES = [
  'app.kubernetes.io/',
  'kubernetes.io/',
  'k8s.io/',
  `${LABEL_TENANT.split('/')[0]}/`,
];

/** Why a label key is invalid, as the API server checks it (or is reserved here); undefined when fine. */
export function checkLabelKey(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const reserved = RESERVED_LABEL_PREFIXES.find((p) => key.startsWith(p) || `${key}/`.endsWith(`.${p}`));
  if (reserved)
    return `is a reserved label key (the platform sets ${reserved}* itself); use your own prefix, e.g. "example.com/${name}", or no prefix`;
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)))
    return `has prefix "${prefix}", which must be a DNS subdomain (lowercase letters, digits, '-', '.') of at most 253 characters`;
  if (name.length === 0 || name.length > 63 || !NAME.test(name))
    return `has name "${name}", which must be 1-63 characters: letters, digits, '-', '_', '.', starting and ending with a letter or digit`;
  return undefined;
}

/** Why a label value is invalid, as the API server checks it; undefined when fine. */
export function checkLabelValue(value: string): string | undefined {
  if (value === '' || (value.length <= 63 && NAME.test(value))) return undefined;
  const fix = value
    .replace(/[^-A-Za-z0-9_.]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63);
  return `must be at most 63 characters: letters, digits, '-', '_', '.', starting and ending with a letter or digit${fix ? ` (e.g. "${fix}")` : ''}`;
}

/** Why a CIDR opens egress to the whole internet; undefined when it does not. */
export function checkNotWorldOpen(cidr: string): string | undefined {
  return /\/0$/.test(cidr)
    ? 'opens egress to every address on the internet, which undoes tenant isolation; list the specific ranges the tenant needs (e.g. a VPC endpoint "10.20.0.0/16")'
    : undefined;
}
