import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { DirectoryAudit } from './directory-audit.js';
import { CatalogueResource, showInactiveFilter, type UniqueRule } from './catalogue-resource.js';
import type { CreateAssignmentDto, UpdateAssignmentDto } from './dto/assignment.dto.js';
import { providedFields } from '../common/field-rules.js';
import type { CreateSystemDto, UpdateSystemDto } from './dto/system.dto.js';
import { Assignment, ASSIGNMENT_KINDS, type AssignmentKind } from './entities/assignment.entity.js';
import { PURPOSES, type Purpose } from './entities/base.js';
import { SystemGuideEntry } from './entities/system-guide.entity.js';
import { activeSql, enumFilter, idFilter, type ListSpec, nameFilter } from '../common/sql.js';

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */
export class AssignmentItem {
  @Prop.id() id!: string;
  @Prop.text() hsaId!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.text() name!: string;
  @Prop.oneOf(PURPOSES, 'Purpose') purpose!: Purpose;
  @Prop.oneOf(ASSIGNMENT_KINDS, 'AssignmentKind') kind!: AssignmentKind;
  @Prop.text({ nullable: true }) description!: string | null;
  @Prop.bool() privateProviderOnly!: boolean;
  @Prop.bool({
    description:
      'Kräver behörighet i lokala eller regionala system: ordered together with an access template.',
  })
  requiresLocalAccess!: boolean;
  /** Persons holding it today. */
  @Prop.int({ description: 'Persons holding it today.' }) memberCount!: number;
  @Prop.bool({
    description: 'False when gone from the directory (KIV) at a sync: kept for history (rule 37).',
  })
  directoryActive!: boolean;
}

export const ASSIGNMENT_LIST: ListSpec = {
  resource: 'assignments',
  select: `asg.id, asg.hsa_id AS "hsaId", asg.care_unit_id AS "careUnitId", cu.name AS "careUnitName", asg.name,
    asg.purpose, asg.kind, asg.description, asg.private_provider_only AS "privateProviderOnly",
    asg.requires_local_access AS "requiresLocalAccess", asg.active AS "directoryActive"`,
  from: 'assignment asg JOIN care_unit cu ON cu.id = asg.care_unit_id',
  idColumn: 'asg.id',
  late: (p, ctx) => `(SELECT count(DISTINCT h.person_id)::int FROM held_assignment h
    WHERE h.assignment_id = page.id AND ${activeSql('h', p.add(ctx.today))}) AS "memberCount"`,
  filters: {
    id: idFilter('asg.id'),
    q: nameFilter('asg.name'),
    careUnitId: idFilter('asg.care_unit_id'),
    purpose: enumFilter('asg.purpose', PURPOSES),
    kind: enumFilter('asg.kind', ASSIGNMENT_KINDS),
    showInactive: showInactiveFilter('asg.active'),
  },
  sortable: {
    careUnitName: 'cu.name COLLATE beh_sv',
    name: 'asg.name COLLATE beh_sv',
    purpose: 'asg.purpose',
    kind: 'asg.kind',
    hsaId: 'asg.hsa_id',
  },
  defaultSort: ['careUnitName', 'ASC'],
  // General before special within a unit, as the seeds list them.
  tieBreak: 'cu.name COLLATE beh_sv, asg.kind, asg.name COLLATE beh_sv, asg.id',
};

const ASSIGNMENT_WRITABLE = [
  'hsaId',
  'careUnitId',
  'name',
  'purpose',
  'kind',
  'description',
  'privateProviderOnly',
  'requiresLocalAccess',
] as const;

/** The assignment catalogue of each care unit (KIV hsaCommission entries). */
@Injectable()
export class AssignmentsService extends CatalogueResource<AssignmentItem, Assignment> {
  protected readonly spec = ASSIGNMENT_LIST;
  protected readonly entity = Assignment;
  protected readonly label = 'Uppdraget';
  protected readonly subject = { entityType: 'assignment', action: 'ASSIGNMENT' };
  protected readonly inUseMessage =
    'Uppdraget innehas av personer eller förekommer i andra uppgifter och kan inte tas bort.';
  protected readonly uniques: UniqueRule<Assignment>[] = [
    {
      constraint: 'assignment_hsa_id_key',
      properties: ['hsaId'],
      field: 'hsaId',
      message: 'Det finns redan ett uppdrag med detta HSA-id.',
    },
    {
      constraint: 'assignment_unit_name_uq',
      properties: ['careUnitId', 'name'],
      field: 'name',
      message: 'Vårdenheten har redan ett uppdrag med detta namn.',
    },
  ];
  protected readonly dependents = [{ table: 'held_assignment', column: 'assignment_id' }];
  protected readonly referenceConstraints = {
    assignment_care_unit_id_fkey: { field: 'careUnitId', message: 'Vårdenheten finns inte.' },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: DirectoryAudit) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateAssignmentDto): Promise<AssignmentItem> {
    const values = {
      hsaId: dto.hsaId,
      careUnitId: dto.careUnitId,
      name: dto.name,
      purpose: dto.purpose,
      kind: dto.kind,
      description: dto.description ?? null,
      privateProviderOnly: dto.privateProviderOnly ?? false,
      requiresLocalAccess: dto.requiresLocalAccess ?? false,
    };
    return this.insertRow(actorId, values, [unitReference(values.careUnitId)]);
  }

  update(actorId: string, id: string, dto: UpdateAssignmentDto): Promise<AssignmentItem> {
    const changes = providedFields(dto, ASSIGNMENT_WRITABLE);
    return this.updateRow(actorId, id, changes, [unitReference(changes.careUnitId)]);
  }
}

const unitReference = (id: string | undefined) => ({
  field: 'careUnitId',
  table: 'care_unit',
  id,
  label: 'Vårdenheten',
});

export class SystemItem {
  @Prop.id() id!: string;
  @Prop.text() systemName!: string;
  @Prop.text({ description: 'Empty when the system needs the same assignment for every use.' })
  useCase!: string;
  @Prop.oneOf(PURPOSES, 'Purpose') purpose!: Purpose;
  @Prop.text() assignmentName!: string;
  @Prop.text({ nullable: true }) note!: string | null;
}

export const SYSTEM_LIST: ListSpec = {
  resource: 'systems',
  select: `s.id, s.system_name AS "systemName", s.use_case AS "useCase", s.purpose,
    s.assignment_name AS "assignmentName", s.note`,
  from: 'system_guide s',
  idColumn: 's.id',
  filters: {
    id: idFilter('s.id'),
    q: nameFilter('s.system_name', 's.use_case'),
    purpose: enumFilter('s.purpose', PURPOSES),
  },
  sortable: {
    systemName: 's.system_name COLLATE beh_sv',
    purpose: 's.purpose',
    assignmentName: 's.assignment_name COLLATE beh_sv',
  },
  defaultSort: ['systemName', 'ASC'],
  tieBreak: 's.system_name COLLATE beh_sv, s.use_case COLLATE beh_sv, s.id',
};

const SYSTEM_WRITABLE = ['systemName', 'useCase', 'purpose', 'assignmentName', 'note'] as const;

/** The systems guide: "Vilket uppdrag behöver jag?" */
@Injectable()
export class SystemsService extends CatalogueResource<SystemItem, SystemGuideEntry> {
  protected readonly spec = SYSTEM_LIST;
  protected readonly entity = SystemGuideEntry;
  protected readonly label = 'Systemet';
  protected readonly subject = { entityType: 'system_guide_entry', action: 'SYSTEM_GUIDE_ENTRY' };
  protected readonly inUseMessage = 'Raden används av andra uppgifter och kan inte tas bort.';
  protected readonly uniques: UniqueRule<SystemGuideEntry>[] = [
    {
      constraint: 'system_guide_uq',
      properties: ['systemName', 'useCase'],
      field: 'systemName',
      message: 'Det finns redan en rad för detta system med samma användning.',
    },
  ];
  protected readonly dependents = [];
  protected readonly referenceConstraints = {};

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: DirectoryAudit) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateSystemDto): Promise<SystemItem> {
    return this.insertRow(
      actorId,
      {
        systemName: dto.systemName,
        // The column is NOT NULL: "no particular use" is the empty text.
        useCase: dto.useCase ?? '',
        purpose: dto.purpose,
        assignmentName: dto.assignmentName,
        note: dto.note ?? null,
      },
      [],
    );
  }

  update(actorId: string, id: string, dto: UpdateSystemDto): Promise<SystemItem> {
    const { useCase, ...changes } = providedFields(dto, SYSTEM_WRITABLE);
    return this.updateRow(
      actorId,
      id,
      useCase === undefined ? changes : { ...changes, useCase: useCase ?? '' },
      [],
    );
  }
}
