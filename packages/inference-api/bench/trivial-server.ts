/** The ceiling for bench:api: an Express 5 app that parses JSON and answers JSON, nothing else. */
import express from 'express';

const app = express();
app.get('/health', (_req, res) => {
  res.json({ ok: true });
});
app.post('/echo', express.json(), (req, res) => {
  res.json({ text: (req.body as { text?: string } | undefined)?.text, prediction: 'positive', confidence: 1 });
});
app.listen(Number(process.env.PORT ?? 8091), '127.0.0.1');
