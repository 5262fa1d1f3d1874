import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset } from '../../src/data/read-dataset.js';
import { TrainerError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readDataset', () => {
  it('reads GLUE SST-2 TSV, skipping the header, and fingerprints the file', async () => {
    const content = 'sentence\tlabel\nit is good\t1\nit is bad\t0\n';
    const path = file('sst.tsv', content);
    const data = await readDataset(path);
    expect(data.examples).toEqual([
      { text: 'it is good', label: 1 },
      { text: 'it is bad', label: 0 },
    ]);
    expect(data.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(data.bytes).toBe(Buffer.byteLength(content));
  });

  it('reads header-less TSV, CSV and JSONL by extension', async () => {
    expect((await readDataset(file('plain.tsv', 'fine\tpositive\n'))).examples).toEqual([{ text: 'fine', label: 1 }]);
    expect((await readDataset(file('d.csv', 'text,label\n"x, y",0\n'))).examples).toEqual([{ text: 'x, y', label: 0 }]);
    expect((await readDataset(file('d.jsonl', '{"text":"z","label":1}\n\n'))).examples).toEqual([
      { text: 'z', label: 1 },
    ]);
  });

  it('reports each malformed row as file:line and counts it', async () => {
    const path = file('some-bad.tsv', `${'ok\t1\n'.repeat(99)}broken line\n`);
    const seen: string[] = [];
    const data = await readDataset(path, { maxBadShare: 0.05, onBadRow: (w) => seen.push(w) });
    expect(data.examples).toHaveLength(99);
    expect(data.badRows).toEqual([`${path}:100: expected text and label separated by a tab`]);
    expect(seen).toEqual(data.badRows);
  });

  it('fails when more than the allowed share of rows is malformed', async () => {
    const path = file('mostly-bad.tsv', 'ok\t1\nbad\nworse\n');
    await expect(readDataset(path)).rejects.toMatchObject({
      code: 'TOO_MANY_BAD_ROWS',
      message: expect.stringContaining('2 of 3 rows are malformed'),
    });
  });

  it('names a missing file and the fix', async () => {
    const error = await readDataset(join(dir, 'nope.tsv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainerError);
    expect((error as TrainerError).message).toMatch(
      /nope\.tsv does not exist; pass an existing TSV\/CSV\/JSONL file with --data/,
    );
  });
});
