import { apiKeyTenant } from '@mlops/shared/contract';
import type { ApiKeyStore } from './api-key-store.js';

/** Why a request was refused: the label values of the auth failure counter. */
export const AUTH_FAILURE_REASONS = ['missing', 'malformed', 'unknown', 'wrong_tenant'] as const;
export type AuthFailureReason = (typeof AUTH_FAILURE_REASONS)[number];

/** The outcome of checking an Authorization header. */
export type BearerCheck =
  | { readonly ok: true; readonly keyId: string }
  | { readonly ok: false; readonly reason: AuthFailureReason; readonly keyTenant?: string };

const BEARER = /^Bearer +(\S+) *$/i;

/** Classifies an Authorization header against the tenant's keys; pure apart from the store lookup. */
export function checkBearer(header: string | undefined, tenant: string, store: ApiKeyStore): BearerCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  const token = BEARER.exec(header)?.[1];
  const keyTenant = token === undefined ? undefined : apiKeyTenant(token);
  if (token === undefined || keyTenant === undefined) return { ok: false, reason: 'malformed' };
  if (keyTenant !== tenant) return { ok: false, reason: 'wrong_tenant', keyTenant };
  const keyId = store.find(token);
  return keyId === undefined ? { ok: false, reason: 'unknown' } : { ok: true, keyId };
}
