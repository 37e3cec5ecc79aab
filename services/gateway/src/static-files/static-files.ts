import { createReadStream, type Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { headerOf, respondPlainText, type HttpRequest, type HttpResponse } from '../http/http-exchange';
import { contentTypeOf } from './content-type';
import { FILE_SECURITY_HEADERS, HTML_SECURITY_HEADERS } from './security-headers';
import { cacheControlOf, INDEX_FILE, staticTargetOf } from './static-target';
import { WebRootUnavailableError } from './web-root-unavailable.error';

interface FoundFile {
  readonly path: string;
  readonly relative: string;
  readonly stats: Stats;
}

/**
 * Serves a built single-page app (the web board) for GET and HEAD: its files by path, the index
 * for `/` and for the app's routes, hashed assets cached for good, the index revalidated on every
 * visit. Nothing outside the web root is served: the path is checked before the file system is
 * touched, and again after symbolic links are resolved.
 */
export class StaticFiles {
  private constructor(private readonly root: string) {}

  /** Opens `webRoot`; throws {@link WebRootUnavailableError} when it is not a folder. */
  static async open(webRoot: string): Promise<StaticFiles> {
    try {
      const root = await realpath(webRoot);
      if (!(await stat(root)).isDirectory()) throw new Error('not a folder');
      return new StaticFiles(root);
    } catch (error) {
      throw new WebRootUnavailableError(webRoot, error);
    }
  }

  async serve(req: HttpRequest, res: HttpResponse): Promise<void> {
    const target = staticTargetOf(req.url ?? '/');
    if (target.kind === 'refused') {
      respondPlainText(res, 400, `bad path: ${target.reason}`, FILE_SECURITY_HEADERS);
      return;
    }
    let found = target.kind === 'file' ? await this.find(target.file) : undefined;
    if (!found && target.kind === 'file' && target.spaRoute) found = await this.find(INDEX_FILE);
    if (!found) {
      const what = target.kind === 'file' && target.file === INDEX_FILE ? `the web board has no ${INDEX_FILE}; build it` : 'no such file';
      respondPlainText(res, 404, `not found: ${what}`, FILE_SECURITY_HEADERS);
      return;
    }
    this.send(req, res, found);
  }

  private async find(relative: string): Promise<FoundFile | undefined> {
    try {
      const path = await realpath(resolve(this.root, relative));
      if (!path.startsWith(`${this.root}${sep}`)) return undefined;
      const stats = await stat(path);
      return stats.isFile() ? { path, relative, stats } : undefined;
    } catch {
      return undefined;
    }
  }

  private send(req: HttpRequest, res: HttpResponse, file: FoundFile): void {
    const contentType = contentTypeOf(file.path);
    const etag = `W/"${file.stats.size.toString(16)}-${Math.floor(file.stats.mtimeMs).toString(16)}"`;
    const headers = {
      ...FILE_SECURITY_HEADERS,
      ...(contentType.startsWith('text/html') ? HTML_SECURITY_HEADERS : {}),
      'cache-control': cacheControlOf(file.relative),
      etag,
      'last-modified': file.stats.mtime.toUTCString(),
    };
    const response = res as ServerResponse;
    if (headerOf(req.headers, 'if-none-match') === etag) {
      response.writeHead(304, headers);
      response.end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': String(file.stats.size) });
    if (req.method === 'HEAD') {
      response.end();
      return;
    }
    const stream = createReadStream(file.path);
    stream.once('error', (error) => response.destroy(error));
    stream.pipe(response);
  }
}
