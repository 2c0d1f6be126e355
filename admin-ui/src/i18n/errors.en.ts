import type { DomainMessages } from './sv';
import type { svErrors } from './errors.sv';

/**
 * English of errors.sv.ts, and react-admin's English validation and HTTP texts as whole sentences
 * (ra-language-english's "Required" and "Server communication error" are not).
 */
export const enErrors: DomainMessages<typeof svErrors> & {
  ra: { notification: { http_error: string }; validation: Record<string, string> };
} = {
  beh: {
    error: {
      network: 'Could not reach BEH. Check the network connection and try again.',
      server:
        'BEH could not complete the action right now. Try again in a while, and contact support if the problem persists.',
      request: 'The action could not be completed. Reload the page and try again.',
      session: 'You are no longer signed in. Sign in again to continue.',
      stale: 'The information below may be out of date.',
      notLoaded: 'The information could not be loaded.',
      retry: 'Try again',
      page: 'The page could not be shown. Reload the page and try again.',
    },
    a11y: {
      loading: 'Loading information',
    },
  },
  ra: {
    notification: {
      http_error: 'The action could not be completed. Try again.',
    },
    validation: {
      required: 'This field must be filled in.',
      minLength: 'Enter at least %{min} characters.',
      maxLength: 'Enter at most %{max} characters.',
      minValue: 'The value must be at least %{min}.',
      maxValue: 'The value must be at most %{max}.',
      number: 'Enter a number.',
      email: 'Enter a valid email address, such as name@vgregion.se.',
      oneOf: 'Choose one of: %{options}.',
      regex: 'The value does not have the expected format.',
      unique: 'The value must be unique; another record already has it.',
    },
  },
};
