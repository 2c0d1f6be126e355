import { HttpException, HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details, as every error of the API is answered. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /** Per-field messages for validation problems: field → Swedish messages. */
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Felaktig begäran',
  401: 'Inte inloggad',
  403: 'Åtkomst nekad',
  404: 'Hittades inte',
  405: 'Metoden är inte tillåten',
  409: 'Konflikt',
  413: 'För stor begäran',
  415: 'Formatet stöds inte',
  422: 'Valideringsfel',
  429: 'För många anrop',
  500: 'Internt fel',
  503: 'Tjänsten är inte tillgänglig',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? 'Fel';
}

/** Thrown by services for a domain refusal; `type` is a stable code clients can branch on. */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly problemType: string,
    detail: string,
    readonly extensions: Partial<ProblemBody> = {},
  ) {
    super({ detail }, status);
  }

  toProblem(): ProblemBody {
    return {
      type: `urn:beh:problem:${this.problemType}`,
      title: problemTitle(this.getStatus()),
      status: this.getStatus(),
      detail: (this.getResponse() as { detail: string }).detail,
      ...this.extensions,
    };
  }
}

export class ValidationProblem extends ProblemException {
  constructor(errors: Record<string, string[]>, detail = 'En eller flera uppgifter är felaktiga.') {
    super(HttpStatus.BAD_REQUEST, 'validation', detail, { errors });
  }
}

export const notFound = (what: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not-found', `${what} hittades inte.`);
