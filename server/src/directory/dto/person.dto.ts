import { ApiSchema } from '@nestjs/swagger';
import { Bool, Email, HSA_ID, Personnummer, Text } from '../../common/field-rules.js';

const USER_ID = {
  pattern: /^[A-Za-z0-9]{2,32}$/,
  patternMessage: 'får bara innehålla bokstäver a–z och siffror (2–32 tecken)',
};
const PASSPORT = {
  pattern: /^[A-Z0-9]{4,32}$/,
  patternMessage: 'får bara innehålla bokstäver A–Z och siffror',
  upperCase: true,
};

/** A new person. `isAdministrator` is not here on purpose: it is never writable. */
@ApiSchema({ description: 'One of personnummer and passportNumber is required.' })
export class CreatePersonDto {
  @Text('required', 64, HSA_ID) hsaId!: string;
  @Text('required', 32, USER_ID) userId!: string;
  /** Any accepted form; stored as 12 digits. One of personnummer/passportNumber is required. */
  @Personnummer('nullable') personnummer?: string | null;
  @Text('nullable', 32, PASSPORT) passportNumber?: string | null;
  @Text('required', 100) firstName!: string;
  @Text('required', 100) lastName!: string;
  @Text('nullable', 200) title?: string | null;
  @Email('nullable') email?: string | null;
  @Bool('optional') protectedIdentity?: boolean;
}

/** PUT: only the fields to change. */
export class UpdatePersonDto {
  @Text('optional', 64, HSA_ID) hsaId?: string;
  @Text('optional', 32, USER_ID) userId?: string;
  @Personnummer('nullable') personnummer?: string | null;
  @Text('nullable', 32, PASSPORT) passportNumber?: string | null;
  @Text('optional', 100) firstName?: string;
  @Text('optional', 100) lastName?: string;
  @Text('nullable', 200) title?: string | null;
  @Email('nullable') email?: string | null;
  @Bool('optional') protectedIdentity?: boolean;
}
