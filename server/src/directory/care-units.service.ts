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
import type { CreateCareUnitDto, UpdateCareUnitDto } from './dto/care-unit.dto.js';
import { providedFields } from '../common/field-rules.js';
import { PROVIDER_KINDS, type ProviderKind } from './entities/care-provider.entity.js';
import { CareUnit } from './entities/care-unit.entity.js';
import { activeSql, enumFilter, idFilter, type ListSpec, nameFilter } from '../common/sql.js';

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */
export class CareUnitItem {
  @Prop.id() id!: string;
  @Prop.text() hsaId!: string;
  @Prop.text() name!: string;
  @Prop.id() administrationId!: string;
  @Prop.text() administrationName!: string;
  @Prop.id() careProviderId!: string;
  @Prop.text() careProviderName!: string;
  @Prop.oneOf(PROVIDER_KINDS, 'ProviderKind') careProviderKind!: ProviderKind;
  @Prop.id({ nullable: true, description: 'Verksamhetschef: orders and attests on the whole unit.' })
  headOfUnitId!: string | null;
  @Prop.text({ nullable: true }) headOfUnitName!: string | null;
  /** Persons with an engagement there today. */
  @Prop.int({ description: 'Persons with an engagement there today.' }) activeStaff!: number;
  @Prop.bool({
    description: 'False when gone from the directory (KIV) at a sync: kept for history (rule 37).',
  })
  directoryActive!: boolean;
}

export const CARE_UNIT_LIST: ListSpec = {
  resource: 'care-units',
  select: `cu.id, cu.hsa_id AS "hsaId", cu.name, cu.administration_id AS "administrationId",
    a.name AS "administrationName", a.care_provider_id AS "careProviderId", cp.name AS "careProviderName",
    cp.kind AS "careProviderKind", cu.head_of_unit_id AS "headOfUnitId",
    ${personNameSql('h')} AS "headOfUnitName", cu.active AS "directoryActive"`,
  from: `care_unit cu
    JOIN administration a ON a.id = cu.administration_id
    JOIN care_provider cp ON cp.id = a.care_provider_id
    LEFT JOIN person h ON h.id = cu.head_of_unit_id`,
  idColumn: 'cu.id',
  late: (p, ctx) => `(SELECT count(DISTINCT e.person_id)::int FROM engagement e
    WHERE e.care_unit_id = page.id AND ${activeSql('e', p.add(ctx.today))}) AS "activeStaff"`,
  filters: {
    id: idFilter('cu.id'),
    q: nameFilter('cu.name'),
    administrationId: idFilter('cu.administration_id'),
    careProviderKind: enumFilter('cp.kind', PROVIDER_KINDS),
    headOfUnitId: idFilter('cu.head_of_unit_id'),
    showInactive: showInactiveFilter('cu.active'),
  },
  sortable: {
    name: 'cu.name COLLATE beh_sv',
    hsaId: 'cu.hsa_id',
    administrationName: 'a.name COLLATE beh_sv',
  },
  defaultSort: ['name', 'ASC'],
  tieBreak: 'cu.name COLLATE beh_sv, cu.id',
};

const WRITABLE = ['hsaId', 'name', 'administrationId', 'headOfUnitId'] as const;

const references = (dto: Partial<Pick<CreateCareUnitDto, (typeof WRITABLE)[number]>>): Reference[] => [
  { field: 'administrationId', table: 'administration', id: dto.administrationId, label: 'Förvaltningen' },
  { field: 'headOfUnitId', table: 'person', id: dto.headOfUnitId, label: 'Personen' },
];

/** Care units (vårdenheter) and who heads them. */
@Injectable()
export class CareUnitsService extends CatalogueResource<CareUnitItem, CareUnit> {
  protected readonly spec = CARE_UNIT_LIST;
  protected readonly entity = CareUnit;
  protected readonly label = 'Vårdenheten';
  protected readonly subject = { entityType: 'care_unit', action: 'CARE_UNIT' };
  protected readonly inUseMessage =
    'Vårdenheten har engagemang eller uppdrag i sin katalog och kan inte tas bort. Ta bort dem först.';
  protected readonly uniques: UniqueRule<CareUnit>[] = [
    {
      constraint: 'care_unit_hsa_id_key',
      properties: ['hsaId'],
      field: 'hsaId',
      message: 'Det finns redan en vårdenhet med detta HSA-id.',
    },
  ];
  protected readonly dependents = [
    { table: 'engagement', column: 'care_unit_id' },
    { table: 'assignment', column: 'care_unit_id' },
  ];
  protected readonly referenceConstraints = {
    care_unit_administration_id_fkey: { field: 'administrationId', message: 'Förvaltningen finns inte.' },
    care_unit_head_of_unit_id_fkey: { field: 'headOfUnitId', message: 'Personen finns inte.' },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: DirectoryAudit) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateCareUnitDto): Promise<CareUnitItem> {
    const values = {
      hsaId: dto.hsaId,
      name: dto.name,
      administrationId: dto.administrationId,
      headOfUnitId: dto.headOfUnitId ?? null,
    };
    return this.insertRow(actorId, values, references(values));
  }

  update(actorId: string, id: string, dto: UpdateCareUnitDto): Promise<CareUnitItem> {
    const changes = providedFields(dto, WRITABLE);
    return this.updateRow(actorId, id, changes, references(changes));
  }

  /**
   * The head of unit may order and attest for the whole unit (domain.md, Roles: head of unit; rule
   * 23, Rights are derived, never stored): a change of head is a change of rights, named as such so
   * that the audit log can be searched for it.
   */
  protected override updateAction(before: CareUnit, after: CareUnit): string | undefined {
    return before.headOfUnitId !== after.headOfUnitId ? 'CARE_UNIT_HEAD_CHANGED' : undefined;
  }
}
