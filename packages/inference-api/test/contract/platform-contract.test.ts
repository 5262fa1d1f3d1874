import { resolve } from 'node:path';
import { externalSecrets, loadPlatformConfig, type ProfileName, synthesizeProfile } from '@mlops/infra-charts';
import { parseTrainArgs } from '@mlops/model-trainer';
import { API_APP_NAME, API_ENV, API_PORT, type ApiEnvKey, CREDENTIAL_KEYS, S3_ENV } from '@mlops/shared/contract';
import { type ApiConfig, ConfigError, loadConfig } from '../../src/config/load-config.js';

// The contract between the synthesizer and the programs it configures, checked on the real objects of both profiles:
// the tenant ConfigMap goes through the API's real loadConfig, the trainer Job's args through the real arg parser.

const REPO = resolve(import.meta.dirname, '../../../..');
const CONFIG = loadPlatformConfig(resolve(REPO, 'platform.config.yaml'));
const PROFILES: readonly ProfileName[] = ['kind', 'eks'];

interface Doc {
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly data?: Readonly<Record<string, string>>;
  readonly spec?: { readonly template?: { readonly spec?: { readonly containers?: readonly Container[] } } };
}
interface Container {
  readonly name: string;
  readonly args?: readonly string[];
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
  readonly envFrom?: readonly { readonly secretRef?: { readonly name: string } }[];
}

const docsOf = (profile: ProfileName) =>
  synthesizeProfile(CONFIG, profile).flatMap((f) => f.documents as unknown as Doc[]);
const apiConfigMaps = (profile: ProfileName) =>
  docsOf(profile).filter((d) => d.kind === 'ConfigMap' && d.metadata.name.endsWith(`-${API_APP_NAME}-config`));
const trainers = (profile: ProfileName) =>
  docsOf(profile).flatMap((d) =>
    d.kind === 'Job' ? (d.spec?.template?.spec?.containers ?? []).filter((c) => c.name === 'trainer') : [],
  );

/** Which ApiConfig field each environment key sets, and how it reads back as the ConfigMap's string. */
const FIELD_OF: Record<ApiEnvKey, keyof ApiConfig> = {
  TENANT: 'tenant',
  HOST: 'host',
  PORT: 'port',
  MODEL_URI: 'modelUri',
  S3_ENDPOINT: 's3Endpoint',
  S3_REGION: 's3Region',
  MAX_TEXT_LENGTH: 'maxTextLength',
  MAX_BATCH: 'maxBatch',
  BODY_LIMIT_BYTES: 'bodyLimitBytes',
  MODEL_POLL_INTERVAL: 'modelPollIntervalSeconds',
  LOG_LEVEL: 'logLevel',
  LOG_TEXTS: 'logTexts',
  MICRO_BATCH_MAX_SIZE: 'microBatchMaxSize',
  MICRO_BATCH_MAX_WAIT_MS: 'microBatchMaxWaitMs',
  MAX_QUEUED_TEXTS: 'maxQueuedTexts',
  MAX_QUEUED_BATCHES: 'maxQueuedBatches',
  MAX_QUEUE_WAIT_MS: 'maxQueueWaitMs',
  MAX_CONNECTIONS: 'maxConnections',
  SHUTDOWN_DELAY_MS: 'shutdownDelayMs',
  SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  AUTH_MODE: 'authMode',
  API_KEYS_FILE: 'apiKeysFile',
  RATE_LIMIT_RPS: 'rateLimitRps',
  RATE_LIMIT_BURST: 'rateLimitBurst',
  RATE_LIMIT_CONCURRENCY: 'rateLimitConcurrency',
  PROBE_PORT: 'probePort',
};
const API_KEYS: ReadonlySet<string> = new Set(Object.values(API_ENV));
const CONFIG_MAP_KEYS = API_KEYS;

/** Keys a ConfigMap sets that nothing reads: a renamed key would otherwise be ignored silently. */
const unknownKeys = (data: Readonly<Record<string, string>>) =>
  Object.keys(data).filter((k) => !CONFIG_MAP_KEYS.has(k));

describe.each(PROFILES)('the %s tenant ConfigMaps, read by the real API loadConfig', (profile) => {
  const maps = apiConfigMaps(profile);

  it('exist, one per tenant', () => {
    expect(maps.map((m) => m.metadata.namespace).sort()).toEqual(CONFIG.tenants.map((t) => t.name).sort());
  });

  it.each(maps.map((m) => [m.metadata.namespace, m.data ?? {}] as const))('%s: every key is read', (tenant, data) => {
    expect(unknownKeys(data)).toEqual([]);
    const config = loadConfig(data);
    for (const [key, value] of Object.entries(data)) {
      if (!API_KEYS.has(key)) continue;
      expect([key, String(config[FIELD_OF[key as ApiEnvKey]])]).toEqual([key, value]);
    }
    expect(config.tenant).toBe(tenant);
    expect(config.port).toBe(API_PORT);
  });
});

describe('the contract test itself', () => {
  const data = apiConfigMaps('kind')[0]?.data ?? {};

  it('catches a key the synthesizer renamed (before: none unknown; after: the new name)', () => {
    const { [API_ENV.modelUri]: uri = '', ...rest } = data;
    expect(unknownKeys(data)).toEqual([]);
    expect(unknownKeys({ ...rest, MODEL_URL: uri })).toEqual(['MODEL_URL']);
  });

  it('catches a required key the ConfigMap lost', () => {
    const { [API_ENV.modelUri]: _dropped, ...rest } = data;
    expect(() => loadConfig(data)).not.toThrow();
    expect(() => loadConfig(rest)).toThrow(ConfigError);
    expect(() => loadConfig(rest)).toThrow(/MODEL_URI/);
  });
});

describe.each(PROFILES)('the %s trainer Job, read by the real trainer arg parser', (profile) => {
  const containers = trainers(profile);
  const trainerEnv: ReadonlySet<string> = new Set([...Object.values(S3_ENV), ...Object.values(CREDENTIAL_KEYS)]);

  it('exists', () => {
    expect(containers).toHaveLength(1);
  });

  it.each(containers.map((c) => [c.name, c] as const))(
    '%s: args parse and env keys are ones the trainer reads',
    (_, c) => {
      const args = parseTrainArgs(c.args ?? [], { data: 'unused-default', out: 'file:///unused-default' });
      expect(args.help).toBe(false);
      expect(args.data).not.toBe('unused-default');
      expect(args.out).toMatch(/^s3:\/\//);
      expect((c.env ?? []).map((e) => e.name).filter((n) => !trainerEnv.has(n))).toEqual([]);
      const external = externalSecrets(CONFIG.tenants.map((t) => t.name));
      for (const ref of c.envFrom ?? []) {
        const secret = external.find((s) => s.name === ref.secretRef?.name);
        expect(secret?.keys.filter((k) => !trainerEnv.has(k))).toEqual([]);
      }
    },
  );
});
