import type { HttpResponse } from './http-client.ts';

/** Parses a JSON body; undefined when it is not JSON (the schema check has already said so). */
export function jsonBody(response: HttpResponse): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The body as an array of objects, or undefined when it is not one. */
export function jsonArray(response: HttpResponse): Record<string, unknown>[] | undefined {
  const body = jsonBody(response);
  return Array.isArray(body) ? (body as Record<string, unknown>[]) : undefined;
}

/** True for 4xx: the request was refused as the client's fault. */
export const isClientError = (status: number) => status >= 400 && status < 500;

/** A short description of what came back, for failure messages. */
export function describe(response: HttpResponse): string {
  const text = response.body.subarray(0, 160).toString('utf8').replace(/\s+/g, ' ');
  return `${response.status} ${response.mediaType || '(no content type)'} ${text}`;
}
