import type { IncomingMessage, ServerResponse } from "node:http";

/** Why a body could not be read: too large (413), or the client went away / the request timed out. */
export class BodyError extends Error {
  constructor(
    readonly status: 413 | 400,
    message: string,
  ) {
    super(message);
    this.name = "BodyError";
  }
}

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length over the limit is refused before
 * one byte is read; a body without one (chunked) is counted as it arrives and refused the moment it passes
 * the limit: nothing past `limit` is ever held in memory. After a refusal the caller answers with `refuseBody`.
 */
export function readBodyCapped(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(new BodyError(413, `body larger than ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err?: BodyError) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return done(new BodyError(413, `body larger than ${limit} bytes`));
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = () => done(new BodyError(400, "request body could not be read"));
    const onClose = () => done(new BodyError(400, "request body ended early"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}

/**
 * Answers a refused body, then drops the connection. The rest of the upload is discarded, never kept, for a
 * short grace (a lingering close: closing at once would reset the connection while the client is still sending,
 * and the reset can destroy the 413 before the client reads it), then the socket is destroyed.
 */
export function refuseBody(res: ServerResponse, status: number, body: string, lingerMs = 1000): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(body);
  res.req.resume();
  setTimeout(() => res.socket?.destroy(), lingerMs).unref();
}
