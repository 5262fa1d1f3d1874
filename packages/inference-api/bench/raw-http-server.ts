/** The machine's own ceiling for bench:api: node:http parsing JSON and answering JSON, no framework at all. */
import { createServer } from 'node:http';

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: { text?: string } | undefined;
    try {
      body = chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string });
    } catch {
      res.writeHead(400).end();
      return;
    }
    const text = JSON.stringify({ text: body?.text, prediction: 'positive', confidence: 1 });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  });
}).listen(Number(process.env.PORT ?? 8090), '127.0.0.1');
