import { ConfigError, loadConfig } from '../../src/config/load-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig({ MODEL_URI: 's3://models/sentiment' })).toMatchObject({
      tenant: 'local',
      port: 8000,
      storeUri: 's3://models',
      modelName: 'sentiment',
      s3Region: 'us-east-1',
      maxTextLength: 5000,
      maxBatch: 64,
      modelPollIntervalSeconds: 60,
      logLevel: 'info',
      logTexts: false,
      microBatchMaxSize: 32,
      maxQueuedTexts: 512,
      maxQueuedBatches: 8,
      maxQueueWaitMs: 0,
      maxConnections: 1000,
      shutdownDelayMs: 5000,
      shutdownGraceMs: 20000,
      probePort: 0,
    });
  });

  it('refuses a probe port equal to PORT, and accepts its own port', () => {
    expect(() => loadConfig({ MODEL_URI: 's3://models/sentiment', PORT: '8000', PROBE_PORT: '8000' })).toThrow(
      'PROBE_PORT=8000 is the same as PORT; give the probe listener its own port (the cluster uses 8001)',
    );
    expect(loadConfig({ MODEL_URI: 's3://models/sentiment', PROBE_PORT: '8001' }).probePort).toBe(8001);
  });

  it('refuses a queue that could never hold a full batch', () => {
    expect(() => loadConfig({ MODEL_URI: 's3://models/sentiment', MAX_QUEUED_TEXTS: '10', MAX_BATCH: '64' })).toThrow(
      'MAX_QUEUED_TEXTS=10 is below MAX_BATCH=64; a full batch could never be queued, raise MAX_QUEUED_TEXTS',
    );
  });

  it('reads a pinned version and an S3 endpoint', () => {
    const c = loadConfig({
      MODEL_URI: 's3://models/sentiment/v20261127-101500-abcdef',
      S3_ENDPOINT: 'http://minio:9000',
      TENANT: 'tenant-a',
      PORT: '9000',
    });
    expect(c).toMatchObject({
      modelVersion: 'v20261127-101500-abcdef',
      s3Endpoint: 'http://minio:9000',
      tenant: 'tenant-a',
      port: 9000,
    });
  });

  it('lists every bad variable in one message', () => {
    const error = (() => {
      try {
        loadConfig({
          TENANT: 'Tenant A',
          PORT: '70000',
          MODEL_URI: 'http://nope',
          MAX_BATCH: '0',
          LOG_LEVEL: 'loud',
          S3_ENDPOINT: 'not a url',
        });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const text = error.message;
    expect(text).toMatch(/^invalid configuration \(6 problems\):/);
    for (const part of [
      'TENANT="Tenant A" must be a DNS-1123 label',
      'PORT="70000" must be a whole number from 1 to 65535',
      'MAX_BATCH="0" must be a whole number from 1 to 4096',
      'LOG_LEVEL="loud"',
      'S3_ENDPOINT="not a url" must be a URL',
      'MODEL_URI="http://nope" must be <store>/<model-name>[/<version>]',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('requires MODEL_URI with an example', () => {
    expect(() => loadConfig({})).toThrow(/MODEL_URI is required, e\.g\. s3:\/\/models\/sentiment/);
  });
});
