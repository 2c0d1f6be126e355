import { Prop } from '../common/api-schema.js';
import { CHAIN_BREAKS } from './audit.service.js';

/*
 * Anchors of the audit chain head, as classes only so that their property decorators describe
 * them in the OpenAPI description; never instantiated.
 */

/** A signed checkpoint of the chain head, exactly as it is published (log, mail, URL). */
export class AuditAnchor {
  @Prop.exactly('beh-audit-anchor') type!: 'beh-audit-anchor';
  @Prop.int() version!: 1;
  @Prop.text({ description: 'The anchor number.' }) id!: string;
  @Prop.text({ nullable: true, description: 'The last event of the chain then (null: it was empty).' })
  eventId!: string | null;
  @Prop.text({ description: 'That event’s hash.' }) eventHash!: string;
  @Prop.int({ description: 'Events from the start of the chain up to and with eventId.' })
  eventCount!: number;
  @Prop.text({ description: 'When it was made (ISO 8601, UTC, whole seconds).' }) anchoredAt!: string;
  @Prop.text({
    description: 'HMAC-SHA256 (hex) over the fields above, with a key derived from SIGNING_KEY_SECRET.',
  })
  mac!: string;
}

/** Whether the chain in the database still contains an anchor. */
export class AnchorCheck {
  @Prop.bool() ok!: boolean;
  @Prop.text() anchorId!: string;
  @Prop.text({ nullable: true }) eventId!: string | null;
  @Prop.oneOf(CHAIN_BREAKS, 'ChainBreak', { optional: true }) reason?: (typeof CHAIN_BREAKS)[number];
  @Prop.text({ description: 'In Swedish: what was compared and found.' }) detail!: string;
}
