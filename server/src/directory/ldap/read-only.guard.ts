import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** 409 DIRECTORY_READ_ONLY: in ldap mode the directory's data is KIV's, changed there. */
export const directoryReadOnly = () =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'directory-read-only',
    'Katalogdata kommer från KIV och ändras där, inte i BEH. Ändringen syns här efter nästa synkning.',
    { code: 'DIRECTORY_READ_ONLY' },
  );

/**
 * Refuses every write of a directory controller (persons, care units, providers, administrations,
 * engagements, assignments) when the directory is read from LDAP (DIRECTORY_SOURCE=ldap). Runs
 * after the global AuthGuard, so who may not write at all is refused (403) before this says why
 * nobody may now (409). BEH's own data (the systems guide) has no such guard.
 */
@Injectable()
export class DirectoryWritableGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.directory.source !== 'ldap') return true;
    const method = context.switchToHttp().getRequest<Request>().method.toUpperCase();
    if (READS.has(method)) return true;
    throw directoryReadOnly();
  }
}

/** On a directory controller: its writes are refused in ldap mode. */
export const ReadOnlyInLdapMode = () => UseGuards(DirectoryWritableGuard);
