import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { toPromtoolTests } from '../../src/addons/monitoring/monitoring-rule-tests.js';
import { RULES_CONFIG_MAP, RULES_FILE } from '../../src/addons/monitoring/to-prometheus.js';
import { DEFAULT_OUT_DIR } from '../../src/cli/repo-paths.js';
import { parseQuantity } from '../../src/config/quantity.js';
import { defaultConfig } from '../fixtures.js';

// Real promtool from Debian's prometheus package, on the rule file synthesized into dist/.
const run = (args: string[], cwd: string) => execFileSync('promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });

describe.each(['kind', 'eks'])('promtool on dist/%s', (profile) => {
  const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  const docs = parseAllDocuments(readFileSync(resolve(DEFAULT_OUT_DIR, profile, '30-monitoring.yaml'), 'utf8')).map(
    (d) => d.toJSON(),
  );
  const rules = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === RULES_CONFIG_MAP).data[
    RULES_FILE
  ] as string;
  writeFileSync(join(dir, RULES_FILE), rules);

  it('accepts the synthesized rule file (promtool check rules)', () => {
    expect(run(['check', 'rules', RULES_FILE], dir)).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('passes a firing and a quiet unit test for every alert of every tenant (promtool test rules)', () => {
    const config = defaultConfig();
    const defaults = config.profiles[profile as 'kind']!.tenantDefaults.resources;
    for (const tenant of config.tenants) {
      const limits = tenant.resources?.limits ?? defaults.limits;
      const others = config.tenants.filter((t) => t.name !== tenant.name).map((t) => t.name);
      const limitsOf = {
        name: tenant.name,
        maxReplicas: tenant.replicas.max,
        limitsCpuCores: parseQuantity(limits.cpu)!,
        limitsMemoryBytes: parseQuantity(limits.memory)!,
      };
      const tests = toPromtoolTests(RULES_FILE, limitsOf, others);
      writeFileSync(join(dir, `tests-${tenant.name}.yaml`), stringify(tests));
      expect(run(['test', 'rules', `tests-${tenant.name}.yaml`], dir)).toMatch(/SUCCESS/);
    }
  });
});
