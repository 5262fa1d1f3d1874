import {
  elementType,
  findUnknownFields,
  loadFieldModels,
  modelNames,
} from '../../src/guardrails/check-unknown-fields.js';

describe('unknown fields (field lists of the Kubernetes OpenAPI models)', () => {
  it.each([
    ['apps/v1', 'Deployment', 'V1Deployment'],
    ['v1', 'Service', 'V1Service'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'V2HorizontalPodAutoscaler'],
    ['networking.k8s.io/v1', 'NetworkPolicy', 'V1NetworkPolicy'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'V1RoleBinding'],
    ['v1', 'Event', 'CoreV1Event'],
  ])('%s %s is described by %s', async (apiVersion, kind, model) => {
    expect(modelNames(apiVersion, kind)).toContain(model);
    expect(await loadFieldModels(apiVersion, kind)).toBe(model);
  });

  it.each([
    ['Array<V1Container>', 'V1Container'],
    ['{ [key: string]: string; }', 'string'],
    ['{ [key: string]: Array<string>; }', 'string'],
    ['IntOrString', 'IntOrString'],
  ])('the element type of %s is %s', (type, element) => {
    expect(elementType(type)).toBe(element);
  });

  it('finds fields the schema does not declare, at any depth, and accepts free-form maps', async () => {
    const model = (await loadFieldModels('apps/v1', 'Deployment')) as string;
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labels: { 'any/key': 'v' }, annotations: { free: 'form' }, colour: 'blue' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: {
            containers: [
              {
                name: 'a',
                image: 'a:1',
                resources: { limits: { cpu: '1' } },
                ports: [{ containerPort: 1, nmae: 'x' }],
              },
              { name: 'b', image: 'b:1', envFrom: [{ configMapRef: { name: 'c' } }], securityContex: {} },
            ],
          },
        },
      },
    };
    expect(findUnknownFields(deployment, model)).toEqual([
      '/metadata/colour',
      '/spec/template/spec/containers/0/ports/0/nmae',
      '/spec/template/spec/containers/1/securityContex',
    ]);
  });

  it('passes an object that only uses declared fields', async () => {
    const model = (await loadFieldModels('v1', 'Service')) as string;
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'n' },
      spec: { selector: { app: 'x' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    };
    expect(findUnknownFields(service, model)).toEqual([]);
  });
});
