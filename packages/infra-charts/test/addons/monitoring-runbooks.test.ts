import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runbookAnchor } from '../../src/addons/monitoring/alert-rule.js';
import { alertRules } from '../../src/addons/monitoring/monitoring-rules.js';
import { REPO_ROOT } from '../../src/cli/repo-paths.js';

const text = readFileSync(join(REPO_ROOT, 'docs/runbooks.md'), 'utf8');
/** Sections of the page by GitHub's anchor of their `## ` heading. */
const sections = new Map(
  text
    .split(/^## /m)
    .slice(1)
    .map((s) => {
      const [heading = '', ...body] = s.split('\n');
      return [
        heading
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
        body.join('\n'),
      ] as const;
    }),
);
const alerts = alertRules({ objectStorage: 'minio', ownKubeStateMetrics: true }).map((a) => a.alert);

describe('docs/runbooks.md', () => {
  it.each(alerts)('has the section %s links to, with meaning, how to confirm (a command) and how to fix', (alert) => {
    const body = sections.get(runbookAnchor(alert));
    expect(body).toBeDefined();
    expect(body).toContain('**Meaning.**');
    expect(body).toContain('**Confirm.**');
    expect(body).toContain('**Fix.**');
    expect(body).toMatch(/```(promql|sh)\n.+\n/);
  });

  it('documents no alert that does not exist', () => {
    expect([...sections.keys()].sort()).toEqual(alerts.map(runbookAnchor).sort());
  });
});
