import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Id } from '../../common/field-rules.js';

/** POST /api/signing/:requestId/sign — the certificate chosen in the signing window and its PIN. */
export class SignDto {
  @Id('required')
  certificateId!: string;

  // Any text is a PIN attempt: a malformed one is simply wrong, and counted like one.
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 64 })
  @IsString()
  @Length(1, 64)
  pin!: string;
}
