import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblem } from './problem.js';

/** Swedish messages for the class-validator constraints the DTOs use. */
const MESSAGES: Record<string, string> = {
  whitelistValidation: 'är inte ett känt fält',
  isString: 'måste vara text',
  isBoolean: 'måste vara sant eller falskt',
  isNotEmpty: 'måste anges',
  isDefined: 'måste anges',
  isEmail: 'måste vara en giltig e-postadress',
  isUuid: 'måste vara ett giltigt id',
  isIn: 'har ett värde som inte är tillåtet',
  isEnum: 'har ett värde som inte är tillåtet',
  maxLength: 'är för långt',
  minLength: 'är för kort',
  isDateString: 'måste vara ett datum (ÅÅÅÅ-MM-DD)',
  isISO8601: 'måste vara ett datum (ÅÅÅÅ-MM-DD)',
  isArray: 'måste vara en lista',
  isInt: 'måste vara ett heltal',
  nestedValidation: 'har fel format',
};

function collect(errors: ValidationError[], prefix: string, out: Record<string, string[]>): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      out[field] = Object.entries(error.constraints).map(([key, message]) =>
        // A message written in the DTO is used as is; class-validator's English defaults are replaced.
        /^[A-ZÅÄÖ]|[åäö]/.test(message) && !message.includes(error.property)
          ? message
          : (MESSAGES[key] ?? message),
      );
    }
    if (error.children?.length) collect(error.children, field, out);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const byField: Record<string, string[]> = {};
      collect(errors, '', byField);
      return new ValidationProblem(byField);
    },
  });
}
