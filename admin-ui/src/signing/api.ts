/**
 * The signing window's calls to /api/signing, on the portal's one HTTP client (plain fetch on the
 * session cookie): this page is deliberately free of react-admin's components, so it loads fast in
 * its own small window.
 */
import type { components } from '../api/schema';
import { API_URL, httpClient, jsonCalls, pathSegment } from '../common/http';
import { httpStatus, problemOf } from '../common/problem';

/** What the signing window shows of a sign request, and a certificate it may sign with: the API's own types. */
export type SignRequestView = components['schemas']['SignRequestView'];
export type Certificate = components['schemas']['CertificateView'];

const { get, post } = jsonCalls(API_URL, httpClient);

const base = (requestId: string) => `/signing/${pathSegment(requestId)}`;

export const fetchRequest = (requestId: string) => get<SignRequestView>(base(requestId));

export const fetchCertificates = (requestId: string) => get<Certificate[]>(`${base(requestId)}/certificates`);

export type SignServiceForm = components['schemas']['SignServiceForm'];

export const fetchSignServiceForm = (requestId: string) =>
  get<SignServiceForm>(`${base(requestId)}/sign-service-form`);

/** Posts the fields to the signing service as a top-level form (the window leaves for it). */
export function postForm({ action, fields }: SignServiceForm): void {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = action;
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}

export async function postSignature(requestId: string, certificateId: string, pin: string): Promise<void> {
  await post(`${base(requestId)}/sign`, { certificateId, pin });
}

/** How a refused call reads in this window: the server's Swedish `detail`, else a sentence of our own. */
export interface Refusal {
  message: string;
  wrongPin: boolean;
  /** The certificate is locked now (too many wrong PINs). */
  locked: boolean;
}

export function refusalOf(error: unknown): Refusal {
  const problem = problemOf(error);
  const fallback =
    httpStatus(error) === 401
      ? 'Du är inte inloggad. Logga in i portalen och öppna signeringen igen.'
      : 'Något gick fel.';
  const message =
    problem?.detail ?? (httpStatus(error) === undefined && error instanceof Error ? error.message : fallback);
  return {
    message,
    wrongPin: problem?.type?.endsWith(':wrong-pin') === true,
    locked: problem?.locked === true,
  };
}
