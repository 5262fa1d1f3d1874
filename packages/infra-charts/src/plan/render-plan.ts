import type { PlanAction, PlannedChange, ProfilePlan } from './plan-profile.js';

/** How each action reads in the human and Markdown outputs. */
const LABEL: Record<PlanAction, { sign: string; text: string }> = {
  create: { sign: '+', text: 'create' },
  update: { sign: '~', text: 'update in place' },
  roll: { sign: '↻', text: 'update, rolls pods' },
  replace: { sign: '!', text: 'REPLACE needed' },
  delete: { sign: '-', text: 'delete' },
};

/** Counts per action: `2 create, 1 roll, 0 replace`. */
export function summarize(plan: ProfilePlan): string {
  const n = (a: PlanAction) => plan.changes.filter((c) => c.action === a).length;
  const counts = `${n('create')} create, ${n('update')} update in place, ${n('roll')} roll pods, ${n('replace')} replace, ${n('delete')} delete`;
  return plan.changes.length === 0 ? 'no changes' : counts;
}

const who = (c: PlannedChange) => (c.tenant ? ` [tenant ${c.tenant}]` : '');
const why = (c: PlannedChange) => (c.reasons.filter(Boolean).length ? `: ${c.reasons.filter(Boolean).join('; ')}` : '');

/** Terminal output: one line per object, then files, isolation changes, problems and the verdict. */
export function renderHuman(plan: ProfilePlan, from: string, to: string): string {
  const lines = [`plan ${plan.profile}: ${from} -> ${to}: ${summarize(plan)}`];
  for (const c of plan.changes)
    lines.push(`  ${LABEL[c.action].sign} ${LABEL[c.action].text.padEnd(18)} ${c.object}${who(c)}${why(c)}`);
  const { added, changed, removed } = plan.files;
  if (added.length + changed.length + removed.length > 0)
    lines.push(
      `  files: ${[...added.map((f) => `+${f} (new: git add it)`), ...changed.map((f) => `~${f}`), ...removed.map((f) => `-${f}`)].join(', ')}`,
    );
  lines.push(`  isolation changes: ${plan.isolation.length === 0 ? 'none' : `\n    ${plan.isolation.join('\n    ')}`}`);
  for (const p of plan.problems) lines.push(`  NOT APPLIABLE: ${p}`);
  lines.push(
    plan.appliable
      ? `  appliable: ${plan.applyCommand}`
      : '  not appliable as planned: resolve the problems above first',
  );
  return lines.join('\n');
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** Markdown for a pull-request comment: a table per profile, the isolation changes, the verdict. */
export function renderMarkdown(plan: ProfilePlan, from: string, to: string): string {
  const lines = [
    `### ${plan.appliable ? '✅' : '❌'} plan \`${plan.profile}\`: ${summarize(plan)}`,
    '',
    `\`${from}\` → \`${to}\``,
    '',
  ];
  if (plan.changes.length > 0) {
    lines.push('| action | object | tenant | why |', '| --- | --- | --- | --- |');
    for (const c of plan.changes)
      lines.push(
        `| ${LABEL[c.action].text} | \`${c.object}\` | ${c.tenant ?? ''} | ${cell(c.reasons.filter(Boolean).join('; '))} |`,
      );
    lines.push('');
  }
  const { added, changed, removed } = plan.files;
  if (added.length + changed.length + removed.length > 0)
    lines.push(
      `Files: ${[...added.map((f) => `added \`${f}\``), ...changed.map((f) => `changed \`${f}\``), ...removed.map((f) => `removed \`${f}\``)].join(', ')}`,
      '',
    );
  lines.push(
    plan.isolation.length === 0
      ? 'Isolation changes: none'
      : `Isolation changes:\n\n\`\`\`diff\n${plan.isolation.join('\n')}\n\`\`\``,
  );
  for (const p of plan.problems) lines.push('', `**Not appliable:** ${cell(p)}`);
  if (plan.appliable) lines.push('', `Apply with \`${plan.applyCommand}\``);
  return lines.join('\n');
}
