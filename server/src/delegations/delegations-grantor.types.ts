import { Prop } from '../common/api-schema.js';
import { type Right, RIGHTS } from './delegation.types.js';

/**
 * A delegation whose grantor is no longer head of its unit, for the head now to confirm or end
 * (issue 15, point 4). A class only so that its decorators describe it in the OpenAPI description.
 */
export class GrantorChangedItem {
  @Prop.id() id!: string;
  @Prop.id() delegateId!: string;
  @Prop.text() delegateName!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.id({ description: 'Who granted it: no longer head of the unit (after a confirmation, the head).' })
  grantorId!: string;
  @Prop.text() grantorName!: string;
  @Prop.id({ description: "The unit's head now: who confirms or ends it." }) headId!: string;
  @Prop.text() headName!: string;
  @Prop.oneOfList(RIGHTS, 'DelegationRight') rights!: Right[];
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true, description: 'null: until further notice.' }) validTo!: string | null;
}
