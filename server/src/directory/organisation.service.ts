import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { DirectoryAudit } from './directory-audit.js';
import { personNameSql } from './directory.reads.js';
import {
  CatalogueResource,
  type Reference,
  showInactiveFilter,
  type UniqueRule,
} from './catalogue-resource.js';
import type {
  CreateAdministrationDto,
  CreateCareProviderDto,
  UpdateAdministrationDto,
  UpdateCareProviderDto,
} from './dto/organisation.dto.js';
import { providedFields } from '../common/field-rules.js';
import { Administration } from './entities/administration.entity.js';
import { CareProvider, PROVIDER_KINDS, type ProviderKind } from './entities/care-provider.entity.js';
import { enumFilter, idFilter, type ListSpec, nameFilter } from '../common/sql.js';

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */
export class CareProviderItem {
  @Prop.id() id!: string;
  @Prop.text() hsaId!: string;
  @Prop.text() name!: string;
  @Prop.oneOf(PROVIDER_KINDS, 'ProviderKind') kind!: ProviderKind;
  @Prop.bool({
    description: 'False when gone from the directory (KIV) at a sync: kept for history (rule 37).',
  })
  directoryActive!: boolean;
}

export const PROVIDER_LIST: ListSpec = {
  resource: 'care-providers',
  select: 'cp.id, cp.hsa_id AS "hsaId", cp.name, cp.kind, cp.active AS "directoryActive"',
  from: 'care_provider cp',
  idColumn: 'cp.id',
  filters: {
    id: idFilter('cp.id'),
    q: nameFilter('cp.name'),
    kind: enumFilter('cp.kind', PROVIDER_KINDS),
    showInactive: showInactiveFilter('cp.active'),
  },
  sortable: { name: 'cp.name COLLATE beh_sv', hsaId: 'cp.hsa_id', kind: 'cp.kind' },
  defaultSort: ['name', 'ASC'],
  tieBreak: 'cp.name COLLATE beh_sv, cp.id',
};

/** Care providers (vårdgivare): the region itself and private providers. */
@Injectable()
export class CareProvidersService extends CatalogueResource<CareProviderItem, CareProvider> {
  protected readonly spec = PROVIDER_LIST;
  protected readonly entity = CareProvider;
  protected readonly label = 'Vårdgivaren';
  protected readonly subject = { entityType: 'care_provider', action: 'CARE_PROVIDER' };
  protected readonly inUseMessage = 'Vårdgivaren har förvaltningar och kan inte tas bort. Ta bort dem först.';
  protected readonly uniques: UniqueRule<CareProvider>[] = [
    {
      constraint: 'care_provider_hsa_id_key',
      properties: ['hsaId'],
      field: 'hsaId',
      message: 'Det finns redan en vårdgivare med detta HSA-id.',
    },
  ];
  protected readonly dependents = [{ table: 'administration', column: 'care_provider_id' }];
  protected readonly referenceConstraints = {};

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: DirectoryAudit) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateCareProviderDto): Promise<CareProviderItem> {
    return this.insertRow(actorId, { hsaId: dto.hsaId, name: dto.name, kind: dto.kind }, []);
  }

  update(actorId: string, id: string, dto: UpdateCareProviderDto): Promise<CareProviderItem> {
    return this.updateRow(actorId, id, providedFields(dto, ['hsaId', 'name', 'kind'] as const), []);
  }
}

export class AdministrationItem {
  @Prop.id() id!: string;
  @Prop.text() code!: string;
  @Prop.text() name!: string;
  @Prop.id() careProviderId!: string;
  @Prop.text() careProviderName!: string;
  @Prop.id({
    nullable: true,
    description:
      "Förvaltningschef (BEH's own, not from KIV): gets the access reviews' escalation for the units here (rule 40).",
  })
  headPersonId!: string | null;
  @Prop.text({ nullable: true }) headPersonName!: string | null;
  @Prop.bool({
    description: 'False when gone from the directory (KIV) at a sync: kept for history (rule 37).',
  })
  directoryActive!: boolean;
}

export const ADMINISTRATION_LIST: ListSpec = {
  resource: 'administrations',
  select: `a.id, a.code, a.name, a.care_provider_id AS "careProviderId", cp.name AS "careProviderName",
    a.head_person_id AS "headPersonId", ${personNameSql('h')} AS "headPersonName", a.active AS "directoryActive"`,
  from: `administration a JOIN care_provider cp ON cp.id = a.care_provider_id
    LEFT JOIN person h ON h.id = a.head_person_id`,
  idColumn: 'a.id',
  filters: {
    id: idFilter('a.id'),
    q: nameFilter('a.name', 'a.code'),
    careProviderId: idFilter('a.care_provider_id'),
    headPersonId: idFilter('a.head_person_id'),
    showInactive: showInactiveFilter('a.active'),
  },
  sortable: { name: 'a.name COLLATE beh_sv', code: 'a.code', careProviderName: 'cp.name COLLATE beh_sv' },
  defaultSort: ['name', 'ASC'],
  tieBreak: 'a.name COLLATE beh_sv, a.id',
};

const ADMINISTRATION_WRITABLE = ['code', 'name', 'careProviderId', 'headPersonId'] as const;

const references = (
  dto: Partial<Pick<CreateAdministrationDto, (typeof ADMINISTRATION_WRITABLE)[number]>>,
): Reference[] => [
  { field: 'careProviderId', table: 'care_provider', id: dto.careProviderId, label: 'Vårdgivaren' },
  { field: 'headPersonId', table: 'person', id: dto.headPersonId, label: 'Personen' },
];

/** Administrations (förvaltningar) inside a care provider. */
@Injectable()
export class AdministrationsService extends CatalogueResource<AdministrationItem, Administration> {
  protected readonly spec = ADMINISTRATION_LIST;
  protected readonly entity = Administration;
  protected readonly label = 'Förvaltningen';
  protected readonly subject = { entityType: 'administration', action: 'ADMINISTRATION' };
  protected readonly inUseMessage =
    'Förvaltningen har vårdenheter och kan inte tas bort. Flytta eller ta bort dem först.';
  protected readonly uniques: UniqueRule<Administration>[] = [
    {
      constraint: 'administration_code_key',
      properties: ['code'],
      field: 'code',
      message: 'Det finns redan en förvaltning med denna kod.',
    },
  ];
  protected readonly dependents = [{ table: 'care_unit', column: 'administration_id' }];
  protected readonly referenceConstraints = {
    administration_care_provider_id_fkey: { field: 'careProviderId', message: 'Vårdgivaren finns inte.' },
    administration_head_person_id_fkey: { field: 'headPersonId', message: 'Personen finns inte.' },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: DirectoryAudit) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateAdministrationDto): Promise<AdministrationItem> {
    const values = {
      code: dto.code,
      name: dto.name,
      careProviderId: dto.careProviderId,
      headPersonId: dto.headPersonId ?? null,
    };
    return this.insertRow(actorId, values, references(values));
  }

  update(actorId: string, id: string, dto: UpdateAdministrationDto): Promise<AdministrationItem> {
    const changes = providedFields(dto, ADMINISTRATION_WRITABLE);
    return this.updateRow(actorId, id, changes, references(changes));
  }
}
