import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A self-signed certificate for these hostnames, made by the real openssl (the test's own, never committed). */
export function selfSignedCertificate(hostnames: readonly string[]): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-gateway-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${hostnames[0]}`,
      '-addext',
      `subjectAltName=${hostnames.map((h) => `DNS:${h}`).join(',')}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore', timeout: 30_000 },
  );
  return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
}

/**
 * Stands in for the Gateway (no cluster here): a real HTTPS server that terminates TLS with `tls` and proxies each
 * request to the upstream its Host header names, as an HTTPRoute per hostname would. Unknown hosts get 404.
 */
export async function startFakeGateway(
  tls: { cert: string; key: string },
  routes: () => Readonly<Record<string, string>>,
): Promise<{ server: Server; port: number }> {
  const server = createServer(tls, (req, res) => {
    const upstream = routes()[String(req.headers.host)];
    if (!upstream) {
      res.writeHead(404).end('no route');
      return;
    }
    const target = new URL(upstream);
    const proxied = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => res.writeHead(502).end());
    req.pipe(proxied);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}
