import { Id } from '../common/field-rules.js';

/** Makes a person an administrator of a system (who carries out its parts by hand). */
export class CreateSystemAdministratorDto {
  @Id('required')
  systemId!: string;

  @Id('required')
  personId!: string;
}
