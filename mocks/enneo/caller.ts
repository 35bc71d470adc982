/** Who is calling Enneo: what authentication yields and the export and worklogs read. */
export interface Caller {
  userId: number;
  permissions: readonly string[];
  via: 'bearer' | 'cookie';
}

/** The request headers authentication reads. */
export interface AuthHeaders {
  authorization?: string | undefined;
  cookie?: string | undefined;
}
