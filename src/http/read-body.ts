import type { IncomingMessage } from "node:http";

/** Why a body could not be read: too large (413), or the client went away / the request timed out. */
export class BodyError extends Error {
  constructor(readonly status: 413 | 400, message: string) {
    super(message);
    this.name = "BodyError";
  }
}

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length over the limit is refused before
 * one byte is read; a body without one (chunked) is counted as it arrives and refused the moment it passes
 * the limit: reading stops there, so nothing past `limit` is ever held in memory. After a refusal the caller
 * answers 413 with `connection: close` (`refuseBody`), which drops the rest of the upload.
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

/** Answers a refused body and closes the connection, so the rest of the upload is neither read nor kept. */
export function refuseBody(res: import("node:http").ServerResponse, status: number, body: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", connection: "close" });
  res.end(body, () => res.socket?.destroy());
}
