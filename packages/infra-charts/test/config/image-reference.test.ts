import { formatImage, imageVersion, parseImageReference } from '../../src/config/image-reference.js';

const DIGEST = `sha256:${'a1'.repeat(32)}`;

describe('image references', () => {
  it.each([
    [
      'quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z',
      { repository: 'quay.io/minio/minio', tag: 'RELEASE.2024-10-13T13-34-11Z' },
    ],
    [`docker.io/org/api@${DIGEST}`, { repository: 'docker.io/org/api', digest: DIGEST }],
    [`docker.io/org/api:0.1.0@${DIGEST}`, { repository: 'docker.io/org/api', tag: '0.1.0', digest: DIGEST }],
    ['registry.local:5000/mirror/grafana:11.2.2', { repository: 'registry.local:5000/mirror/grafana', tag: '11.2.2' }],
  ])('parses %s and formats it back', (reference, parts) => {
    expect(parseImageReference(reference)).toEqual(parts);
    expect(formatImage(parts)).toBe(reference);
  });

  it.each([
    ['no tag and no digest', 'docker.io/org/api'],
    ['a registry port but no tag', 'registry.local:5000/org/api'],
    ['a short digest', 'docker.io/org/api@sha256:abc'],
    ['another digest algorithm', `docker.io/org/api@md5:${'a'.repeat(32)}`],
    ['upper case', 'Docker.io/Org/API:1'],
    ['two digests', `docker.io/org/api@${DIGEST}@${DIGEST}`],
  ])('refuses %s (%s)', (_why, reference) => {
    expect(parseImageReference(reference)).toBeUndefined();
  });

  it('labels a digest-only image with a label-safe version', () => {
    expect(imageVersion({ repository: 'x', digest: DIGEST })).toBe('sha256-a1a1a1a1a1a1');
    expect(imageVersion({ repository: 'x', tag: '0.2.0', digest: DIGEST })).toBe('0.2.0');
  });
});
