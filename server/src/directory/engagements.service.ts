import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { DirectoryAudit } from './directory-audit.js';
import { activeLate, CatalogueResource, type Reference } from './catalogue-resource.js';
import { checkValidity, type FieldErrors } from './directory.errors.js';
import type { CreateEngagementDto, UpdateEngagementDto } from './dto/engagement.dto.js';
import { providedFields } from '../common/field-rules.js';
import { Engagement } from './entities/engagement.entity.js';
import { idFilter, type ListSpec } from '../common/sql.js';

/** Dates out of order, judged on the row as it will be after the change. */
const validityAgainst =
  (changes: { validFrom?: string; validTo?: string | null }) =>
  (current: { validFrom: string; validTo: string | null }): FieldErrors => {
    const errors: FieldErrors = {};
    checkValidity(
      errors,
      changes.validFrom ?? current.validFrom,
      changes.validTo !== undefined ? changes.validTo : current.validTo,
    );
    return errors;
  };

const personReference = (id: string | undefined): Reference => ({
  field: 'personId',
  table: 'person',
  id,
  label: 'Personen',
});

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */
export class EngagementItem {
  @Prop.id() id!: string;
  @Prop.id() personId!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.text() administrationName!: string;
  @Prop.text({ description: 'Ansvarsnummer, e.g. W77100.' }) costCentre!: string;
  @Prop.text({ nullable: true }) title!: string | null;
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.bool({ description: "Valid on Stockholm's today." }) active!: boolean;
}

const ENGAGEMENT_LIST: ListSpec = {
  resource: 'engagements',
  select: `e.id, e.person_id AS "personId", e.care_unit_id AS "careUnitId", cu.name AS "careUnitName",
    a.name AS "administrationName", e.cost_centre AS "costCentre", e.title,
    e.valid_from AS "validFrom", e.valid_to AS "validTo"`,
  from: `engagement e
    JOIN care_unit cu ON cu.id = e.care_unit_id
    JOIN administration a ON a.id = cu.administration_id`,
  idColumn: 'e.id',
  late: (p, ctx) => activeLate(p, ctx.today),
  filters: {
    id: idFilter('e.id'),
    personId: idFilter('e.person_id'),
    careUnitId: idFilter('e.care_unit_id'),
  },
  sortable: { validFrom: 'e.valid_from', validTo: 'e.valid_to', careUnitName: 'cu.name COLLATE beh_sv' },
  defaultSort: ['validFrom', 'DESC'],
  tieBreak: 'e.valid_from DESC, cu.name COLLATE beh_sv, e.id',
};

const ENGAGEMENT_WRITABLE = [
  'personId',
  'careUnitId',
  'costCentre',
  'title',
  'validFrom',
  'validTo',
] as const;

const engagementReferences = (values: { personId?: string; careUnitId?: string }): Reference[] => [
  personReference(values.personId),
  { field: 'careUnitId', table: 'care_unit', id: values.careUnitId, label: 'Vårdenheten' },
];

/** Engagements: a person's employment or affiliation at a care unit, with validity. */
@Injectable()
export class EngagementsService extends CatalogueResource<EngagementItem, Engagement> {
  protected readonly spec = ENGAGEMENT_LIST;
  protected readonly entity = Engagement;
  protected override readonly personColumn = 'e.person_id';
  protected readonly label = 'Engagemanget';
  protected readonly subject = { entityType: 'engagement', action: 'ENGAGEMENT' };
  protected readonly inUseMessage = 'Engagemanget används av andra uppgifter och kan inte tas bort.';
  protected readonly uniques = [];
  protected readonly dependents = [];
  protected readonly referenceConstraints = {
    engagement_person_id_fkey: { field: 'personId', message: 'Personen finns inte.' },
    engagement_care_unit_id_fkey: { field: 'careUnitId', message: 'Vårdenheten finns inte.' },
  };

  constructor(@InjectDataSource() db: DataSource, clock: Clock, audit: DirectoryAudit) {
    super(db, clock, audit);
  }

  create(actorId: string, dto: CreateEngagementDto): Promise<EngagementItem> {
    const values = {
      personId: dto.personId,
      careUnitId: dto.careUnitId,
      costCentre: dto.costCentre,
      title: dto.title ?? null,
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
    };
    const errors: FieldErrors = {};
    checkValidity(errors, values.validFrom, values.validTo);
    return this.insertRow(actorId, values, engagementReferences(values), errors);
  }

  update(actorId: string, id: string, dto: UpdateEngagementDto): Promise<EngagementItem> {
    const changes = providedFields(dto, ENGAGEMENT_WRITABLE);
    return this.updateRow(actorId, id, changes, engagementReferences(changes), validityAgainst(changes));
  }
}
