/** The machine's own ceiling for bench:api: node:http parsing JSON and answering JSON, no framework at all. */
import { createServer } from 'node:http';

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = chunks.length === 0 ? {} : (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: string });
    const text = JSON.stringify({ text: body.text, prediction: 'positive', confidence: 1 });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  });
}).listen(Number(process.env.PORT ?? 8090), '127.0.0.1');
