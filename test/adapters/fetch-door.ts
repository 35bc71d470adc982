/** Reading a fetch Response as the suite compares it: bytes, headers, and whether it came in pieces. */
import type { DoorAnswer } from './behaviour.ts';

export async function readAnswer(res: Response): Promise<DoorAnswer> {
  const chunks: Uint8Array[] = [];
  if (res.body !== null) {
    const reader = res.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    status: res.status,
    headers,
    body: Buffer.concat(chunks),
    streamed: headers['content-length'] === undefined && chunks.length > 1,
  };
}
