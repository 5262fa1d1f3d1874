import type { EvaluationMetrics } from '@mlops/shared';
import type { EpochReport } from '../train/train-model.js';

const seconds = (s: number) => (s >= 90 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

/** `epoch 2/4  loss 0.1824  val_acc 0.9162  4,222 ex/s  15.2s  eta 30.4s  best`. */
export function formatEpoch(r: EpochReport): string {
  return [
    `epoch ${r.epoch}/${r.epochs}`,
    `loss ${r.loss.toFixed(4)}`,
    `val_acc ${r.validation.accuracy.toFixed(4)}`,
    `${Math.round(r.examplesPerSecond).toLocaleString('en-US')} ex/s`,
    seconds(r.seconds),
    `eta ${seconds(r.etaSeconds)}`,
    r.best ? 'best' : '',
  ]
    .filter(Boolean)
    .join('  ');
}

/** A 30-character progress bar for the current epoch (TTY only). */
export function formatBar(done: number, total: number, loss: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} batches  loss ${loss.toFixed(4)}`;
}

/** Accuracy, precision, recall, F1 and the confusion matrix, as a few aligned lines. */
export function formatMetrics(title: string, m: EvaluationMetrics): string {
  const [[tn, fp], [fn, tp]] = m.confusionMatrix;
  return [
    `${title} (${m.examples} examples): accuracy ${m.accuracy.toFixed(4)}  precision ${m.precision.toFixed(4)}  recall ${m.recall.toFixed(4)}  F1 ${m.f1.toFixed(4)}`,
    '  confusion matrix   predicted negative   predicted positive',
    `  actual negative    ${String(tn).padStart(18)}   ${String(fp).padStart(18)}`,
    `  actual positive    ${String(fn).padStart(18)}   ${String(tp).padStart(18)}`,
  ].join('\n');
}
