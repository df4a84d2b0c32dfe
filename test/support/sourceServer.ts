// A local HTTP server for the browser tests: the project's TypeScript sources transformed to
// JavaScript file by file (esbuild), the WASM core, decimal.js, the test page and whatever
// else a suite serves.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A file under the project root, with its content type. */
export interface ServedFile {
  type: string;
  body: string | Uint8Array;
}

export interface SourceServerOptions {
  /** The test page at `/` (and `/index.html`); `isolated` when asked under `/iso/`. */
  page: (isolated: boolean) => string;
  /** Prefix `/iso/` serves everything cross-origin-isolated (COOP/COEP headers). */
  isolation?: boolean;
  /** More paths a suite serves, by exact path (after any `/iso` prefix). */
  extra?: Record<string, () => Promise<ServedFile>>;
}

export interface SourceServer {
  /** http://127.0.0.1:port */
  base: string;
  close(): Promise<void>;
}

/** Reads a file of the project, by its path from the root. */
export function projectFile(path: string): Promise<Buffer> {
  return readFile(`${ROOT}${path}`);
}

export async function startSourceServer(options: SourceServerOptions): Promise<SourceServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      let path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const isolated = options.isolation === true && path.startsWith('/iso/');
      if (isolated) {
        path = path.slice(4);
        res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
        res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      }
      const file = await serve(path, isolated, options);
      if (file === undefined) {
        res.statusCode = 404;
        return res.end();
      }
      res.setHeader('Content-Type', file.type);
      res.end(file.body);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function serve(path: string, isolated: boolean, options: SourceServerOptions): Promise<ServedFile | undefined> {
  if (path === '/' || path === '/index.html') return { type: 'text/html', body: options.page(isolated) };
  if (path.startsWith('/src/') && path.endsWith('.js')) {
    const source = await readFile(`${ROOT}${path.slice(1, -3)}.ts`, 'utf8');
    const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' });
    return { type: 'text/javascript', body: code };
  }
  if (path === '/build/sizewise.wasm') return { type: 'application/wasm', body: await projectFile('build/sizewise.wasm') };
  if (path === '/node_modules/decimal.js/decimal.mjs') return { type: 'text/javascript', body: await projectFile('node_modules/decimal.js/decimal.mjs') };
  const extra = options.extra?.[path];
  return extra === undefined ? undefined : extra();
}
