/** A rule an object breaks: which file, which object, which rule, and what to change. */
export interface Violation {
  readonly file: string;
  readonly object: string;
  readonly rule: string;
  readonly detail: string;
}

/** All violations of a synth run at once, one per line. */
export class GuardrailError extends Error {
  override readonly name = 'GuardrailError';
  constructor(readonly violations: readonly Violation[]) {
    super(
      `${violations.length} guardrail violation${violations.length === 1 ? '' : 's'}:\n${violations.map(formatViolation).join('\n')}`,
    );
  }
}

/** `50-tenant-a.yaml: Deployment tenant-a/x: pod-security/run-as-non-root: ...`. */
export function formatViolation(v: Violation): string {
  return `  - ${v.file}: ${v.object}: ${v.rule}: ${v.detail}`;
}
