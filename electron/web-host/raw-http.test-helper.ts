import net from 'node:net';

export interface RawReply {
  /** HTTP status of the first response, or null when the server closed without one. */
  status: number | null;
  text: string;
  /** The server closed the connection (within `waitMs`). */
  closed: boolean;
}

/** Send raw bytes and collect what comes back until the server closes or `waitMs` passes. */
export function rawExchange(port: number, bytes: Buffer | string, waitMs = 1500): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: match ? Number(match[1]) : null, text, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') finish(true);
      else reject(error);
    });
    socket.write(bytes);
  });
}

/** The JSON body of a raw reply (after the blank line). */
export function bodyOf(reply: RawReply): unknown {
  const at = reply.text.indexOf('\r\n\r\n');
  return JSON.parse(reply.text.slice(at + 4));
}
