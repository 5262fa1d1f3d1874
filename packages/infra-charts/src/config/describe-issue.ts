import type { z } from 'zod';

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'list' : typeof value);
const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'mapping (key: value)',
  array: 'list',
  int: 'whole number',
};

/** The project's own wording for a schema issue (what is allowed, how to fix it), never zod's default text. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  // Messages written in the schema itself are already the project's own.
  if (!/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type': {
      const wanted = TYPE_NAMES[issue.expected] ?? issue.expected;
      return `must be ${article(wanted)}, not ${article(TYPE_NAMES[typeOf(issue.input)] ?? typeOf(issue.input))}; see docs/config.md for this field`;
    }
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'set'
        ? `must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? `must be at least ${issue.minimum} character${Number(issue.minimum) === 1 ? '' : 's'} long`
          : `must be ${issue.inclusive ? 'at least' : 'above'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'set'
        ? `must have at most ${issue.maximum} items`
        : issue.origin === 'string'
          ? `must be at most ${issue.maximum} characters long`
          : `must be ${issue.inclusive ? 'at most' : 'below'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `has the wrong format (must match ${String(issue.pattern)})`
        : `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'matches none of the allowed forms; see docs/config.md for this field';
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return `is not allowed here (${issue.code}); see docs/config.md for this field`;
  }
}
