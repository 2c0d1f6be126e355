import { CLIENT_SCOPES, type ClientScopeName } from '../common/auth/policy.js';
import { Prop } from '../common/api-schema.js';

export const API_CLIENT_STATUSES = ['ACTIVE', 'EXPIRED', 'REVOKED'] as const;
export type ApiClientStatus = (typeof API_CLIENT_STATUSES)[number];

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */

/** An API client as administrators see it: never its secret, nor the secret's hash. */
export class ApiClientItem {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.oneOfList(CLIENT_SCOPES, 'ApiClientScope') scopes!: ClientScopeName[];
  @Prop.date({ description: 'The last day (Stockholm) the client may call.' }) expiresOn!: string;
  @Prop.oneOf(API_CLIENT_STATUSES, 'ApiClientStatus', {
    description: 'ACTIVE; EXPIRED after expiresOn; REVOKED by an administrator (final).',
  })
  status!: ApiClientStatus;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime({ nullable: true }) revokedAt!: Date | null;
  @Prop.dateTime({ nullable: true, description: 'The last call that passed the token check.' })
  lastUsedAt!: Date | null;
}

/** The answer to creating a client: the only time its token is ever shown. */
export class CreatedApiClient extends ApiClientItem {
  @Prop.text({
    description:
      'The bearer token, `beh.<id>.<secret>`: shown this once, stored only as the SHA-256 of the secret.',
  })
  token!: string;
}
