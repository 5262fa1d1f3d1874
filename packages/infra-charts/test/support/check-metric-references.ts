import { parser } from '@prometheus-io/lezer-promql';

/** What parsing one PromQL expression found. */
export interface ExpressionCheck {
  readonly expr: string;
  /** True when the PromQL parser reported a syntax error. */
  readonly syntaxError: boolean;
  /** Metric names the expression selects. */
  readonly metrics: readonly string[];
}

/** Parses a PromQL expression (the Prometheus project's own grammar) and lists the metrics it selects. */
export function checkExpression(expr: string): ExpressionCheck {
  const metrics: string[] = [];
  let syntaxError = false;
  parser.parse(expr).iterate({
    enter(node) {
      if (node.type.isError) syntaxError = true;
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector')
        metrics.push(expr.slice(node.from, node.to));
    },
  });
  return { expr, syntaxError, metrics };
}

/**
 * The problems of a set of expressions: syntax errors, and metrics that nothing produces. `known` holds
 * exact names; `knownPrefixes` covers families such as the default process metrics.
 */
export function findBadReferences(
  exprs: readonly string[],
  known: ReadonlySet<string>,
  knownPrefixes: readonly string[] = [],
): string[] {
  const problems: string[] = [];
  for (const expr of exprs) {
    const check = checkExpression(expr);
    if (check.syntaxError) problems.push(`PromQL syntax error in: ${expr}`);
    for (const metric of check.metrics) {
      if (!known.has(metric) && !knownPrefixes.some((p) => metric.startsWith(p)))
        problems.push(`unknown metric "${metric}" in: ${expr}`);
    }
  }
  return problems;
}
