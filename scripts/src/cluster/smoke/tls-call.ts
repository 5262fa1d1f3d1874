import { request } from 'node:https';

/** Where the gateway is reachable from here (a port-forward to its Service) and how to trust its certificate. */
export interface GatewayTarget {
  /** Local address of the gateway's HTTPS port, e.g. 127.0.0.1:19443. */
  readonly host: string;
  readonly port: number;
  /** PEM CA bundle that signed the tenant certificates; undefined: the system CAs. */
  readonly ca?: string;
  /** Accept any certificate (kind's self-signed issuer without its CA at hand). @default false */
  readonly insecure?: boolean;
}

/** An answer: status, the headers the smoke test looks at, the parsed body. */
export interface TlsAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
}

/**
 * POSTs JSON over TLS to the gateway as `https://<hostname><path>` would: TCP to the target, SNI and Host set to
 * the tenant's hostname (so the gateway picks its certificate and route), 10 s timeout.
 */
export function tlsPost(
  target: GatewayTarget,
  hostname: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<TlsAnswer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        servername: hostname,
        path,
        method: 'POST',
        headers: {
          host: hostname,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
        ...(target.ca ? { ca: target.ca } : {}),
        rejectUnauthorized: target.insecure !== true,
        timeout: 10_000,
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // keep the text
          }
          const pick = (name: string) => {
            const v = res.headers[name];
            return Array.isArray(v) ? v.join(', ') : v;
          };
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              'retry-after': pick('retry-after'),
              ratelimit: pick('ratelimit'),
              'www-authenticate': pick('www-authenticate'),
            },
            body: parsed,
          });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`https://${hostname}${path} via ${target.host}:${target.port} timed out after 10 s`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}
