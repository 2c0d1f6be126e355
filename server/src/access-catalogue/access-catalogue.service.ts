import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { providedFields } from '../common/field-rules.js';
import { sealSecret } from '../common/secret-seal.js';
import { enumFilter, idFilter, type ListSpec, nameFilter } from '../common/sql.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { personContacts } from '../directory/directory.facts.js';
import { joinPerson, personNameSql, personUserIdSql } from '../directory/directory.reads.js';
import type {
  CreateAccessAreaDto,
  CreateAccessOperationDto,
  CreateAccessTemplateDto,
  CreateLocalSystemDto,
  CreateProfessionDto,
  CreateSystemRoleDto,
  UpdateAccessAreaDto,
  UpdateAccessOperationDto,
  UpdateAccessTemplateDto,
  UpdateLocalSystemDto,
  UpdateProfessionDto,
  UpdateSystemRoleDto,
} from './access-catalogue.dto.js';
import {
  addError,
  allExist,
  boolFilter,
  CatalogueTable,
  catalogueRule,
  type FieldErrors,
  type Snapshot,
} from './catalogue-table.js';
import {
  AccessArea,
  AccessOperation,
  AccessTemplate,
  FULFILMENTS,
  type Fulfilment,
  LocalSystem,
  Profession,
  SystemRole,
} from './entities.js';

/*
 * The access catalogue (issue 14, point 1): systems and their roles, områden → verksamheter →
 * behörighetsmallar, and yrkeskategorier. Administrators keep it; every write is one audit event.
 * The answers are classes only for their OpenAPI description; they are never instantiated.
 */

/** The seal's purpose for a SCIM token (common/secret-seal.ts); the row's id is its context. */
export const SCIM_TOKEN_PURPOSE = 'scim-token';

const SCIM_ONLY = 'får bara anges när systemet utförs via SCIM';
const SCIM_REQUIRED = 'måste anges när systemet utförs via SCIM';

// ---------------------------------------------------------------------------------------------
// Systems

export class LocalSystemItem {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() description!: string;
  @Prop.text({ description: 'The organisation or team that owns the system.' }) owner!: string;
  @Prop.oneOf(FULFILMENTS, 'Fulfilment') fulfilment!: Fulfilment;
  @Prop.text({ nullable: true, description: 'The SCIM service base URL; null when MANUAL.' })
  scimBaseUrl!: string | null;
  @Prop.bool({ description: 'A SCIM token is kept (sealed); the token itself is never answered.' })
  hasScimToken!: boolean;
  @Prop.bool() active!: boolean;
  @Prop.int() roleCount!: number;
}

export const LOCAL_SYSTEM_LIST: ListSpec = {
  resource: 'local-systems',
  select: `s.id, s.name, s.description, s.owner, s.fulfilment, s.scim_base_url AS "scimBaseUrl",
    (s.scim_token_sealed IS NOT NULL) AS "hasScimToken", s.active`,
  from: 'local_system s',
  idColumn: 's.id',
  late: () => `(SELECT count(*)::int FROM system_role r WHERE r.system_id = page.id) AS "roleCount"`,
  filters: {
    id: idFilter('s.id'),
    q: nameFilter('s.name'),
    fulfilment: enumFilter('s.fulfilment', FULFILMENTS),
    active: boolFilter('s.active'),
  },
  sortable: {
    name: 's.name COLLATE beh_sv',
    owner: 's.owner COLLATE beh_sv',
    fulfilment: 's.fulfilment',
    active: 's.active',
  },
  defaultSort: ['name', 'ASC'],
  tieBreak: 's.name COLLATE beh_sv, s.id',
};

const LOCAL_SYSTEM_WRITABLE = [
  'name',
  'description',
  'owner',
  'fulfilment',
  'scimBaseUrl',
  'active',
] as const;

@Injectable()
export class LocalSystemsService extends CatalogueTable<LocalSystemItem, LocalSystem> {
  protected readonly spec = LOCAL_SYSTEM_LIST;
  protected readonly entity = LocalSystem;
  protected readonly table = 'local_system';
  protected readonly label = 'Systemet';
  protected readonly subject = { entityType: 'local_system', action: 'LOCAL_SYSTEM' };
  protected readonly nameRule = {
    index: 'local_system_name_uq',
    message: 'Det finns redan ett system med detta namn.',
  };
  protected readonly dependents = [
    {
      table: 'system_role',
      column: 'system_id',
      message: 'Systemet har roller och kan inte tas bort. Ta bort rollerna först.',
    },
  ];
  protected readonly references = {};

  constructor(
    @InjectDataSource() db: DataSource,
    clock: Clock,
    audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(db, clock, audit);
  }

  /** The token is never in the log, not even sealed: only that one is kept, and which seal. */
  protected override async snapshot(tx: EntityManager, id: string): Promise<Snapshot> {
    const { scimTokenSealed, ...columns } = await super.snapshot(tx, id);
    const sealed = scimTokenSealed as LocalSystem['scimTokenSealed'];
    return { ...columns, scimToken: sealed ? { sealed: true, iv: sealed.iv } : null };
  }

  private seal(token: string, id: string) {
    return sealSecret(token, this.config.signing.keySecret, SCIM_TOKEN_PURPOSE, id);
  }

  create(actorId: string, dto: CreateLocalSystemDto): Promise<LocalSystemItem> {
    const id = randomUUID();
    const errors: FieldErrors = {};
    const scimBaseUrl = dto.scimBaseUrl ?? null;
    const token = dto.scimToken ?? null;
    if (dto.fulfilment === 'SCIM' && scimBaseUrl === null) addError(errors, 'scimBaseUrl', SCIM_REQUIRED);
    if (dto.fulfilment === 'MANUAL' && scimBaseUrl !== null) addError(errors, 'scimBaseUrl', SCIM_ONLY);
    if (dto.fulfilment === 'MANUAL' && token !== null) addError(errors, 'scimToken', SCIM_ONLY);
    return this.insertRow(
      actorId,
      {
        name: dto.name,
        description: dto.description ?? '',
        owner: dto.owner,
        fulfilment: dto.fulfilment,
        scimBaseUrl,
        scimTokenSealed: token !== null && dto.fulfilment === 'SCIM' ? this.seal(token, id) : null,
        active: dto.active ?? true,
      },
      () => Promise.resolve(errors),
      undefined,
      id,
    );
  }

  update(actorId: string, id: string, dto: UpdateLocalSystemDto): Promise<LocalSystemItem> {
    const changes: Partial<LocalSystem> = providedFields(dto, LOCAL_SYSTEM_WRITABLE);
    if (dto.scimToken !== undefined) {
      changes.scimTokenSealed = dto.scimToken === null ? null : this.seal(dto.scimToken, id);
    }
    // Changed to MANUAL without a word of the URL: the SCIM settings go with it.
    if (dto.fulfilment === 'MANUAL') {
      if (dto.scimBaseUrl === undefined) changes.scimBaseUrl = null;
      if (dto.scimToken === undefined) changes.scimTokenSealed = null;
    }
    return this.updateRow(actorId, id, changes, async (tx, merged) => {
      const errors: FieldErrors = {};
      if (merged.fulfilment === 'SCIM' && merged.scimBaseUrl === null) {
        addError(errors, 'scimBaseUrl', SCIM_REQUIRED);
      }
      if (merged.fulfilment === 'MANUAL') {
        if (merged.scimBaseUrl !== null) addError(errors, 'scimBaseUrl', SCIM_ONLY);
        if (dto.scimToken !== undefined && dto.scimToken !== null) addError(errors, 'scimToken', SCIM_ONLY);
      }
      if (Object.keys(errors).length === 0 && merged.fulfilment === 'SCIM') {
        const missing = await tx.query<{ name: string }[]>(
          `SELECT name FROM system_role WHERE system_id = $1 AND scim_group IS NULL
            ORDER BY name COLLATE beh_sv LIMIT 10`,
          [id],
        );
        if (missing.length > 0) {
          throw catalogueRule(
            'scim-group-missing',
            `Systemet kan inte utföras via SCIM förrän varje roll har en SCIM-grupp. Saknar SCIM-grupp: ${missing
              .map((r) => r.name)
              .join(', ')}.`,
          );
        }
      }
      return errors;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// System roles

export class SystemRoleItem {
  @Prop.id() id!: string;
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
  @Prop.text() name!: string;
  @Prop.text() description!: string;
  @Prop.text({ nullable: true, description: 'The SCIM Group displayName the role maps to.' })
  scimGroup!: string | null;
}

export const SYSTEM_ROLE_LIST: ListSpec = {
  resource: 'system-roles',
  select: `r.id, r.system_id AS "systemId", s.name AS "systemName", r.name, r.description,
    r.scim_group AS "scimGroup"`,
  from: 'system_role r JOIN local_system s ON s.id = r.system_id',
  idColumn: 'r.id',
  filters: {
    id: idFilter('r.id'),
    systemId: idFilter('r.system_id'),
    q: nameFilter('r.name'),
  },
  sortable: {
    systemName: 's.name COLLATE beh_sv',
    name: 'r.name COLLATE beh_sv',
    scimGroup: 'r.scim_group COLLATE beh_sv',
  },
  nullsLast: ['scimGroup'],
  defaultSort: ['systemName', 'ASC'],
  tieBreak: 's.name COLLATE beh_sv, r.name COLLATE beh_sv, r.id',
};

const SYSTEM_ROLE_WRITABLE = ['systemId', 'name', 'description', 'scimGroup'] as const;

@Injectable()
export class SystemRolesService extends CatalogueTable<SystemRoleItem, SystemRole> {
  protected readonly spec = SYSTEM_ROLE_LIST;
  protected readonly entity = SystemRole;
  protected readonly table = 'system_role';
  protected readonly label = 'Rollen';
  protected readonly subject = { entityType: 'system_role', action: 'SYSTEM_ROLE' };
  protected readonly nameRule = {
    index: 'system_role_name_uq',
    scope: { property: 'systemId', column: 'system_id' },
    message: 'Systemet har redan en roll med detta namn.',
  };
  protected readonly dependents = [
    {
      table: 'access_template_role',
      column: 'system_role_id',
      message: 'Rollen ingår i en behörighetsmall och kan inte tas bort.',
    },
  ];
  protected readonly references = {
    system_role_system_id_fkey: { field: 'systemId', message: 'Systemet finns inte.' },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: AuditService) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateSystemRoleDto): Promise<SystemRoleItem> {
    const values = {
      systemId: dto.systemId,
      name: dto.name,
      description: dto.description ?? '',
      scimGroup: dto.scimGroup ?? null,
    };
    return this.insertRow(actorId, values, (tx) => checkRole(tx, values.systemId, values.scimGroup));
  }

  update(actorId: string, id: string, dto: UpdateSystemRoleDto): Promise<SystemRoleItem> {
    const changes = providedFields(dto, SYSTEM_ROLE_WRITABLE);
    return this.updateRow(actorId, id, changes, (tx, merged) =>
      checkRole(tx, merged.systemId, merged.scimGroup),
    );
  }
}

/** The role's system exists, and a role of a SCIM system names its SCIM group. */
async function checkRole(
  tx: EntityManager,
  systemId: string,
  scimGroup: string | null,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const [system] = await tx.query<{ fulfilment: Fulfilment }[]>(
    `SELECT fulfilment FROM local_system WHERE id = $1`,
    [systemId],
  );
  if (!system) addError(errors, 'systemId', 'Systemet finns inte.');
  else if (system.fulfilment === 'SCIM' && scimGroup === null) addError(errors, 'scimGroup', SCIM_REQUIRED);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Områden

export class AccessAreaItem {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.text() description!: string;
  @Prop.int() operationCount!: number;
}

export const ACCESS_AREA_LIST: ListSpec = {
  resource: 'access-areas',
  select: `a.id, a.name, a.description`,
  from: 'access_area a',
  idColumn: 'a.id',
  late: () => `(SELECT count(*)::int FROM access_operation o WHERE o.area_id = page.id) AS "operationCount"`,
  filters: { id: idFilter('a.id'), q: nameFilter('a.name') },
  sortable: { name: 'a.name COLLATE beh_sv' },
  defaultSort: ['name', 'ASC'],
  tieBreak: 'a.name COLLATE beh_sv, a.id',
};

@Injectable()
export class AccessAreasService extends CatalogueTable<AccessAreaItem, AccessArea> {
  protected readonly spec = ACCESS_AREA_LIST;
  protected readonly entity = AccessArea;
  protected readonly table = 'access_area';
  protected readonly label = 'Området';
  protected readonly subject = { entityType: 'access_area', action: 'ACCESS_AREA' };
  protected readonly nameRule = {
    index: 'access_area_name_uq',
    message: 'Det finns redan ett område med detta namn.',
  };
  protected readonly dependents = [
    {
      table: 'access_operation',
      column: 'area_id',
      message: 'Området har verksamheter och kan inte tas bort.',
    },
  ];
  protected readonly references = {};

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: AuditService) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateAccessAreaDto): Promise<AccessAreaItem> {
    return this.insertRow(actorId, { name: dto.name, description: dto.description ?? '' }, () =>
      Promise.resolve({}),
    );
  }

  update(actorId: string, id: string, dto: UpdateAccessAreaDto): Promise<AccessAreaItem> {
    return this.updateRow(actorId, id, providedFields(dto, ['name', 'description'] as const), () =>
      Promise.resolve({}),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Verksamheter

export class AccessOperationItem {
  @Prop.id() id!: string;
  @Prop.id() areaId!: string;
  @Prop.text() areaName!: string;
  @Prop.text() name!: string;
  @Prop.text() description!: string;
  @Prop.id({ description: 'The responsible head, a person in the directory.' }) headPersonId!: string;
  @Prop.text() headName!: string;
  @Prop.text() headUserId!: string;
  @Prop.int() templateCount!: number;
}

export const ACCESS_OPERATION_LIST: ListSpec = {
  resource: 'access-operations',
  select: `o.id, o.area_id AS "areaId", a.name AS "areaName", o.name, o.description,
    o.head_person_id AS "headPersonId", ${personNameSql('hp')} AS "headName",
    ${personUserIdSql('hp')} AS "headUserId"`,
  from: `access_operation o JOIN access_area a ON a.id = o.area_id ${joinPerson('hp', 'o.head_person_id')}`,
  idColumn: 'o.id',
  late: () =>
    `(SELECT count(*)::int FROM access_template t WHERE t.operation_id = page.id) AS "templateCount"`,
  filters: {
    id: idFilter('o.id'),
    areaId: idFilter('o.area_id'),
    headPersonId: idFilter('o.head_person_id'),
    q: nameFilter('o.name'),
  },
  sortable: {
    areaName: 'a.name COLLATE beh_sv',
    name: 'o.name COLLATE beh_sv',
  },
  defaultSort: ['areaName', 'ASC'],
  tieBreak: 'a.name COLLATE beh_sv, o.name COLLATE beh_sv, o.id',
};

@Injectable()
export class AccessOperationsService extends CatalogueTable<AccessOperationItem, AccessOperation> {
  protected readonly spec = ACCESS_OPERATION_LIST;
  protected readonly entity = AccessOperation;
  protected readonly table = 'access_operation';
  protected readonly label = 'Verksamheten';
  protected readonly subject = { entityType: 'access_operation', action: 'ACCESS_OPERATION' };
  protected readonly nameRule = {
    index: 'access_operation_name_uq',
    scope: { property: 'areaId', column: 'area_id' },
    message: 'Området har redan en verksamhet med detta namn.',
  };
  protected readonly dependents = [
    {
      table: 'access_template',
      column: 'operation_id',
      message: 'Verksamheten har behörighetsmallar och kan inte tas bort.',
    },
  ];
  protected readonly references = {
    access_operation_area_id_fkey: { field: 'areaId', message: 'Området finns inte.' },
    access_operation_head_person_id_fkey: { field: 'headPersonId', message: 'Personen finns inte.' },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: AuditService) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateAccessOperationDto): Promise<AccessOperationItem> {
    const values = {
      areaId: dto.areaId,
      name: dto.name,
      description: dto.description ?? '',
      headPersonId: dto.headPersonId,
    };
    return this.insertRow(actorId, values, (tx) => checkOperation(tx, values.areaId, values.headPersonId));
  }

  update(actorId: string, id: string, dto: UpdateAccessOperationDto): Promise<AccessOperationItem> {
    const changes = providedFields(dto, ['areaId', 'name', 'description', 'headPersonId'] as const);
    return this.updateRow(actorId, id, changes, (tx) =>
      checkOperation(tx, changes.areaId, changes.headPersonId),
    );
  }
}

async function checkOperation(
  tx: EntityManager,
  areaId: string | undefined,
  headPersonId: string | undefined,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (areaId !== undefined && !(await allExist(tx, 'access_area', [areaId]))) {
    addError(errors, 'areaId', 'Området finns inte.');
  }
  if (headPersonId !== undefined && (await personContacts(tx, [headPersonId])).length === 0) {
    addError(errors, 'headPersonId', 'Personen finns inte.');
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Yrkeskategorier

export class ProfessionItem {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.int() templateCount!: number;
}

export const PROFESSION_LIST: ListSpec = {
  resource: 'professions',
  select: `p.id, p.name`,
  from: 'profession p',
  idColumn: 'p.id',
  late: () =>
    `(SELECT count(*)::int FROM access_template_profession tp WHERE tp.profession_id = page.id) AS "templateCount"`,
  filters: { id: idFilter('p.id'), q: nameFilter('p.name') },
  sortable: { name: 'p.name COLLATE beh_sv' },
  defaultSort: ['name', 'ASC'],
  tieBreak: 'p.name COLLATE beh_sv, p.id',
};

@Injectable()
export class ProfessionsService extends CatalogueTable<ProfessionItem, Profession> {
  protected readonly spec = PROFESSION_LIST;
  protected readonly entity = Profession;
  protected readonly table = 'profession';
  protected readonly label = 'Yrkeskategorin';
  protected readonly subject = { entityType: 'profession', action: 'PROFESSION' };
  protected readonly nameRule = {
    index: 'profession_name_uq',
    message: 'Det finns redan en yrkeskategori med detta namn.',
  };
  protected readonly dependents = [
    {
      table: 'access_template_profession',
      column: 'profession_id',
      message: 'Yrkeskategorin används i en behörighetsmall och kan inte tas bort.',
    },
  ];
  protected readonly references = {};

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: AuditService) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateProfessionDto): Promise<ProfessionItem> {
    return this.insertRow(actorId, { name: dto.name }, () => Promise.resolve({}));
  }

  update(actorId: string, id: string, dto: UpdateProfessionDto): Promise<ProfessionItem> {
    return this.updateRow(actorId, id, providedFields(dto, ['name'] as const), () => Promise.resolve({}));
  }
}

// ---------------------------------------------------------------------------------------------
// Behörighetsmallar

export class TemplateRole {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
  @Prop.id() systemId!: string;
  @Prop.text() systemName!: string;
}

export class TemplateProfession {
  @Prop.id() id!: string;
  @Prop.text() name!: string;
}

export class AccessTemplateItem {
  @Prop.id() id!: string;
  @Prop.id() operationId!: string;
  @Prop.text() operationName!: string;
  @Prop.id() areaId!: string;
  @Prop.text() areaName!: string;
  @Prop.text() name!: string;
  @Prop.text() description!: string;
  @Prop.bool() active!: boolean;
  @Prop.idList() roleIds!: string[];
  @Prop.idList() professionIds!: string[];
  @Prop.list(() => TemplateRole) roles!: TemplateRole[];
  @Prop.list(() => TemplateProfession) professions!: TemplateProfession[];
}

export const ACCESS_TEMPLATE_LIST: ListSpec = {
  resource: 'access-templates',
  select: `t.id, t.operation_id AS "operationId", o.name AS "operationName", o.area_id AS "areaId",
    a.name AS "areaName", t.name, t.description, t.active`,
  from: 'access_template t JOIN access_operation o ON o.id = t.operation_id JOIN access_area a ON a.id = o.area_id',
  idColumn: 't.id',
  late: () => `
    (SELECT coalesce(array_agg(r.id::text ORDER BY s.name COLLATE beh_sv, r.name COLLATE beh_sv, r.id), '{}')
       FROM access_template_role tr JOIN system_role r ON r.id = tr.system_role_id
       JOIN local_system s ON s.id = r.system_id WHERE tr.template_id = page.id) AS "roleIds",
    (SELECT coalesce(array_agg(p.id::text ORDER BY p.name COLLATE beh_sv, p.id), '{}')
       FROM access_template_profession tp JOIN profession p ON p.id = tp.profession_id
      WHERE tp.template_id = page.id) AS "professionIds",
    (SELECT coalesce(json_agg(json_build_object('id', r.id, 'name', r.name, 'systemId', s.id, 'systemName', s.name)
              ORDER BY s.name COLLATE beh_sv, r.name COLLATE beh_sv, r.id), '[]'::json)
       FROM access_template_role tr JOIN system_role r ON r.id = tr.system_role_id
       JOIN local_system s ON s.id = r.system_id WHERE tr.template_id = page.id) AS roles,
    (SELECT coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name COLLATE beh_sv, p.id),
              '[]'::json)
       FROM access_template_profession tp JOIN profession p ON p.id = tp.profession_id
      WHERE tp.template_id = page.id) AS professions`,
  filters: {
    id: idFilter('t.id'),
    operationId: idFilter('t.operation_id'),
    areaId: idFilter('o.area_id'),
    professionId: (filter, key, p) => {
      const clause = idFilter('tp.profession_id')(filter, key, p, { today: '' });
      return clause
        ? `EXISTS (SELECT 1 FROM access_template_profession tp WHERE tp.template_id = t.id AND ${clause})`
        : undefined;
    },
    systemId: (filter, key, p) => {
      const clause = idFilter('r.system_id')(filter, key, p, { today: '' });
      return clause
        ? `EXISTS (SELECT 1 FROM access_template_role tr JOIN system_role r ON r.id = tr.system_role_id
                    WHERE tr.template_id = t.id AND ${clause})`
        : undefined;
    },
    active: boolFilter('t.active'),
    q: nameFilter('t.name'),
  },
  sortable: {
    areaName: 'a.name COLLATE beh_sv',
    operationName: 'o.name COLLATE beh_sv',
    name: 't.name COLLATE beh_sv',
    active: 't.active',
  },
  defaultSort: ['areaName', 'ASC'],
  tieBreak: 'a.name COLLATE beh_sv, o.name COLLATE beh_sv, t.name COLLATE beh_sv, t.id',
};

@Injectable()
export class AccessTemplatesService extends CatalogueTable<AccessTemplateItem, AccessTemplate> {
  protected readonly spec = ACCESS_TEMPLATE_LIST;
  protected readonly entity = AccessTemplate;
  protected readonly table = 'access_template';
  protected readonly label = 'Behörighetsmallen';
  protected readonly subject = { entityType: 'access_template', action: 'ACCESS_TEMPLATE' };
  protected readonly nameRule = {
    index: 'access_template_name_uq',
    scope: { property: 'operationId', column: 'operation_id' },
    message: 'Verksamheten har redan en behörighetsmall med detta namn.',
  };
  protected readonly dependents = [];
  protected readonly references = {
    access_template_operation_id_fkey: { field: 'operationId', message: 'Verksamheten finns inte.' },
    access_template_role_system_role_id_fkey: {
      field: 'roleIds',
      message: 'En eller flera roller finns inte.',
    },
    access_template_profession_profession_id_fkey: {
      field: 'professionIds',
      message: 'En eller flera yrkeskategorier finns inte.',
    },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: AuditService) {
    super(db, clock, audit);
  }

  /** The template's roles and professions are part of it: in its events too (sorted ids). */
  protected override async snapshot(tx: EntityManager, id: string): Promise<Snapshot> {
    const columns = await super.snapshot(tx, id);
    const [links] = await tx.query<{ roleIds: string[]; professionIds: string[] }[]>(
      `SELECT
         (SELECT coalesce(array_agg(system_role_id::text ORDER BY system_role_id), '{}')
            FROM access_template_role WHERE template_id = $1) AS "roleIds",
         (SELECT coalesce(array_agg(profession_id::text ORDER BY profession_id), '{}')
            FROM access_template_profession WHERE template_id = $1) AS "professionIds"`,
      [id],
    );
    return { ...columns, roleIds: links.roleIds, professionIds: links.professionIds };
  }

  create(actorId: string, dto: CreateAccessTemplateDto): Promise<AccessTemplateItem> {
    return this.insertRow(
      actorId,
      {
        operationId: dto.operationId,
        name: dto.name,
        description: dto.description ?? '',
        active: dto.active ?? true,
      },
      (tx) => checkTemplate(tx, dto.operationId, dto.roleIds, dto.professionIds),
      (tx, id) => writeLinks(tx, id, dto.roleIds, dto.professionIds),
    );
  }

  update(actorId: string, id: string, dto: UpdateAccessTemplateDto): Promise<AccessTemplateItem> {
    const changes = providedFields(dto, ['operationId', 'name', 'description', 'active'] as const);
    return this.updateRow(
      actorId,
      id,
      changes,
      (tx) => checkTemplate(tx, changes.operationId, dto.roleIds, dto.professionIds),
      (tx) => writeLinks(tx, id, dto.roleIds, dto.professionIds),
    );
  }
}

async function checkTemplate(
  tx: EntityManager,
  operationId: string | undefined,
  roleIds: string[] | undefined,
  professionIds: string[] | undefined,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (operationId !== undefined && !(await allExist(tx, 'access_operation', [operationId]))) {
    addError(errors, 'operationId', 'Verksamheten finns inte.');
  }
  if (roleIds !== undefined && !(await allExist(tx, 'system_role', roleIds))) {
    addError(errors, 'roleIds', 'En eller flera roller finns inte.');
  }
  if (professionIds !== undefined && !(await allExist(tx, 'profession', professionIds))) {
    addError(errors, 'professionIds', 'En eller flera yrkeskategorier finns inte.');
  }
  return errors;
}

/** Replaces the template's roles and professions with those given (left out: kept). */
async function writeLinks(
  tx: EntityManager,
  id: string,
  roleIds: string[] | undefined,
  professionIds: string[] | undefined,
): Promise<void> {
  if (roleIds !== undefined) {
    await tx.query(`DELETE FROM access_template_role WHERE template_id = $1`, [id]);
    await tx.query(
      `INSERT INTO access_template_role (template_id, system_role_id) SELECT $1, unnest($2::uuid[])`,
      [id, roleIds],
    );
  }
  if (professionIds !== undefined) {
    await tx.query(`DELETE FROM access_template_profession WHERE template_id = $1`, [id]);
    await tx.query(
      `INSERT INTO access_template_profession (template_id, profession_id) SELECT $1, unnest($2::uuid[])`,
      [id, professionIds],
    );
  }
}
