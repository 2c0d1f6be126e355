import { DirectorySchema1764000000000 } from './1764000000000-DirectorySchema.js';
import { MailOutbox1764100000000 } from './1764100000000-MailOutbox.js';
import { PersonNameWordSearch1764000100000 } from './1764000100000-PersonNameWordSearch.js';

/** Every migration, oldest first. Listed explicitly so the same list works compiled and in tests. */
export const migrations = [DirectorySchema1764000000000, PersonNameWordSearch1764000100000];
