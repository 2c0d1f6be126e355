import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
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

const BEH_OWNED = 'beh:directory-beh-owned-fields';

/**
 * On a directory controller's PUT: the fields of the row that are BEH's own, not KIV's (e.g. an
 * administration's head, headPersonId). In ldap mode a PUT that carries nothing else is let through.
 */
export const BehOwnedFields = (...fields: string[]) => SetMetadata(BEH_OWNED, fields);

/**
 * Refuses every write of a directory controller (persons, care units, providers, administrations,
 * engagements, assignments) when the directory is read from LDAP (DIRECTORY_SOURCE=ldap). Runs
 * after the global AuthGuard, so who may not write at all is refused (403) before this says why
 * nobody may now (409). BEH's own data (the systems guide) has no such guard; BEH's own columns of a
 * directory row (BehOwnedFields) may be written alone.
 */
@Injectable()
export class DirectoryWritableGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.config.directory.source !== 'ldap') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const method = request.method.toUpperCase();
    if (READS.has(method)) return true;
    const owned = this.reflector.get<string[] | undefined>(BEH_OWNED, context.getHandler());
    const body: unknown = request.body;
    if (method === 'PUT' && owned && body !== null && typeof body === 'object' && !Array.isArray(body)) {
      const keys = Object.keys(body);
      if (keys.length > 0 && keys.every((key) => owned.includes(key))) return true;
    }
    throw directoryReadOnly();
  }
}

/** On a directory controller: its writes are refused in ldap mode. */
export const ReadOnlyInLdapMode = () => UseGuards(DirectoryWritableGuard);
