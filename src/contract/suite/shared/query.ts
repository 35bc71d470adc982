/** Query pairs from an object, in its key order; an array value repeats its key (`userIds[]`). */
export const q = (params: Record<string, string | number | readonly string[]>): [string, string][] =>
  Object.entries(params).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x): [string, string] => [k, String(x)]) : [[k, String(v)] as [string, string]],
  );
