import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { idFilter, type ListSpec } from '../common/sql.js';
import { activeLate, ReadResource } from './catalogue-resource.js';
import { joinPerson, personNameSql } from './directory.reads.js';

/** A holding as the API shows it: a class only so that the OpenAPI description shows it. */
export class HeldAssignmentItem {
  @Prop.id() id!: string;
  @Prop.id() personId!: string;
  @Prop.text({ description: "The holder's name (the holdings grid of auditors, who read no person)." })
  personName!: string;
  @Prop.id() assignmentId!: string;
  @Prop.text() assignmentName!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.bool({ description: "Valid on Stockholm's today." }) active!: boolean;
}

const HELD_LIST: ListSpec = {
  resource: 'held-assignments',
  select: `h.id, h.person_id AS "personId", ${personNameSql('hp')} AS "personName", h.assignment_id AS "assignmentId", asg.name AS "assignmentName",
    asg.care_unit_id AS "careUnitId", cu.name AS "careUnitName", h.valid_from AS "validFrom", h.valid_to AS "validTo"`,
  from: `held_assignment h
    JOIN assignment asg ON asg.id = h.assignment_id
    JOIN care_unit cu ON cu.id = asg.care_unit_id
    ${joinPerson('hp', 'h.person_id')}`,
  idColumn: 'h.id',
  late: (p, ctx) => activeLate(p, ctx.today),
  filters: {
    id: idFilter('h.id'),
    personId: idFilter('h.person_id'),
    assignmentId: idFilter('h.assignment_id'),
  },
  sortable: {
    validFrom: 'h.valid_from',
    validTo: 'h.valid_to',
    assignmentName: 'asg.name',
    careUnitName: 'cu.name',
  },
  defaultSort: ['validFrom', 'DESC'],
  tieBreak: 'h.valid_from DESC, cu.name COLLATE beh_sv, asg.name COLLATE beh_sv, h.id',
};

/**
 * Who holds which assignment, from and to when (hsaCommissionMember), for the grids: read only.
 * Holdings change only when an attested order is carried out (rule 17, Holdings change only by
 * carrying out an order; DirectoryHoldings), never by hand: a holding made here would be a VMU with
 * no order, no attest, no signature and no audit event.
 */
@Injectable()
export class HeldAssignmentsService extends ReadResource<HeldAssignmentItem> {
  protected readonly spec = HELD_LIST;
  protected override readonly personColumn = 'h.person_id';
  protected readonly label = 'Innehavet av uppdraget';

  constructor(@InjectDataSource() db: DataSource, clock: Clock) {
    super(db, clock);
  }
}
