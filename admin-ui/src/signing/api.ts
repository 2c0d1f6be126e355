/**
 * The signing window's calls to /api/signing. Plain fetch on the session cookie: this page is
 * deliberately free of react-admin, so it loads fast in its own small window.
 */

export interface SignRequestView {
  id: string;
  kind: string;
  purpose: string;
  document: string;
  digest: string;
  status: 'PENDING' | 'SIGNED' | 'FAILED' | 'EXPIRED';
  createdAt: string;
  expiresAt: string;
  signedAt: string | null;
  signer: { id: string; name: string; hsaId: string };
}

export interface Certificate {
  id: string;
  subject: string;
  subjectSerialNumber: string;
  serialNumber: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  locked: boolean;
  triesLeft: number;
}

/** An RFC 9457 problem as the server answers refusals, with the signing extensions. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    detail: string,
    readonly triesLeft?: number,
    readonly locked?: boolean,
  ) {
    super(detail);
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const body: unknown = await response.json().catch(() => undefined);
  const field = <T>(name: string, kind: string): T | undefined =>
    typeof body === 'object' &&
    body !== null &&
    name in body &&
    typeof (body as Record<string, unknown>)[name] === kind
      ? ((body as Record<string, unknown>)[name] as T)
      : undefined;
  const fallback =
    response.status === 401
      ? 'Du är inte inloggad. Logga in i portalen och öppna signeringen igen.'
      : 'Något gick fel.';
  return new Problem(
    response.status,
    field<string>('type', 'string') ?? '',
    field<string>('detail', 'string') ?? fallback,
    field<number>('triesLeft', 'number'),
    field<boolean>('locked', 'boolean'),
  );
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    credentials: 'include',
    ...init,
    headers: { Accept: 'application/json', ...(init.headers ?? {}) },
  });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as T;
}

const base = (requestId: string) => `/api/signing/${encodeURIComponent(requestId)}`;

export const fetchRequest = (requestId: string) => call<SignRequestView>(base(requestId));

export const fetchCertificates = (requestId: string) =>
  call<Certificate[]>(`${base(requestId)}/certificates`);

export async function postSignature(requestId: string, certificateId: string, pin: string): Promise<void> {
  // Every state-changing call carries the session's CSRF token (design.md "API").
  const { token } = await call<{ token: string }>('/api/auth/csrf');
  await call(`${base(requestId)}/sign`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
    body: JSON.stringify({ certificateId, pin }),
  });
}
