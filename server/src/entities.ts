import { accessCatalogueEntities } from './access-catalogue/entities.js';
import { AuditEvent } from './audit/entities/audit-event.entity.js';
import { directoryEntities } from './directory/entities/index.js';
import { MailOutbox } from './mail/entities/mail-outbox.entity.js';

/**
 * The TypeORM entities of every module, gathered here at the top where the application is wired
 * together, so that the database module imports no module. The schema itself comes only from
 * the migrations.
 */
export const entities = [...directoryEntities, ...accessCatalogueEntities, MailOutbox, AuditEvent];
